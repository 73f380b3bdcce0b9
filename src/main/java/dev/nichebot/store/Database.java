package dev.nichebot.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.nichebot.config.BotConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one database: a pooled {@link DataSource}, Flyway migrations, and small helpers for plain
 * SQL.
 *
 * <p>Transactions bind their connection to the calling thread, so repository methods called inside
 * {@link #inTransaction} join it without every signature carrying a connection. Outside a
 * transaction each statement runs on its own auto-committed connection.
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  /** Which SQL dialect the URL speaks: picks the vendor-specific migrations and Quartz delegate. */
  public enum Vendor {
    H2,
    POSTGRESQL
  }

  private final HikariDataSource dataSource;
  private final Vendor vendor;
  private final String safeUrl;
  private final ThreadLocal<Connection> current = new ThreadLocal<>();

  private Database(HikariDataSource dataSource, Vendor vendor, String safeUrl) {
    this.dataSource = dataSource;
    this.vendor = vendor;
    this.safeUrl = safeUrl;
  }

  /**
   * Opens the pool and checks that the database answers.
   *
   * @throws DatabaseUnavailableException with a message a person can act on
   */
  public static Database open(BotConfig.Store config) {
    String url = config.url();
    Vendor vendor = url.startsWith("jdbc:postgresql:") ? Vendor.POSTGRESQL : Vendor.H2;
    if (vendor == Vendor.H2
        && !url.contains("DB_CLOSE_ON_EXIT")
        && !url.toUpperCase(Locale.ROOT).contains("AUTO_SERVER=TRUE")) {
      // We close the database ourselves at shutdown, after the last job has finished. (H2 does
      // not allow this with AUTO_SERVER; there `run` handles SIGTERM before shutdown hooks run.)
      url = url + ";DB_CLOSE_ON_EXIT=FALSE";
    }
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("nichebot-db");
    hikari.setJdbcUrl(url);
    hikari.setUsername(config.username().isEmpty() ? null : config.username());
    if (config.password().isPresent()) {
      hikari.setPassword(config.password().reveal());
    }
    hikari.setMaximumPoolSize(config.poolSize());
    hikari.setMinimumIdle(1);
    hikari.setConnectionTimeout(Math.max(250, config.connectTimeout().toMillis()));
    hikari.setInitializationFailTimeout(Math.max(1, config.connectTimeout().toMillis()));
    hikari.setValidationTimeout(Math.min(5000, Math.max(250, config.connectTimeout().toMillis())));
    String safeUrl = maskUrl(config.url());
    try {
      return new Database(new HikariDataSource(hikari), vendor, safeUrl);
    } catch (RuntimeException e) {
      throw explain(safeUrl, e);
    }
  }

  /** Brings the schema to the newest version (idempotent). */
  public void migrate() {
    String vendorFolder = vendor == Vendor.H2 ? "h2" : "postgresql";
    try {
      var result =
          Flyway.configure()
              .dataSource(dataSource)
              .locations("classpath:db/migration/common", "classpath:db/migration/" + vendorFolder)
              .load()
              .migrate();
      if (result.migrationsExecuted > 0) {
        log.info(
            "database migrated to version {} ({} migrations applied)",
            result.targetSchemaVersion,
            result.migrationsExecuted);
      }
    } catch (FlywayException e) {
      throw new StoreException(
          "database migration failed on " + safeUrl + ": " + e.getMessage(), e);
    }
  }

  public Vendor vendor() {
    return vendor;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** The JDBC URL with any password in it masked: safe to print. */
  public String describe() {
    return safeUrl;
  }

  /** True when the database answers a trivial query within the timeout. */
  public boolean ping(Duration timeout) {
    try (Connection c = dataSource.getConnection()) {
      return c.isValid((int) Math.max(1, timeout.toSeconds()));
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  @FunctionalInterface
  public interface Work<T> {
    T run() throws SQLException;
  }

  @FunctionalInterface
  public interface VoidWork {
    void run() throws SQLException;
  }

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
   * Nested calls join the outer transaction.
   */
  public <T> T inTransaction(Work<T> work) {
    if (current.get() != null) {
      try {
        return work.run();
      } catch (SQLException e) {
        throw new StoreException("database operation failed: " + e.getMessage(), e);
      }
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      current.set(c);
      try {
        T result = work.run();
        c.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        rollbackQuietly(c);
        if (e instanceof SQLException s) {
          throw new StoreException("database operation failed: " + s.getMessage(), s);
        }
        throw e;
      } finally {
        current.remove();
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException("database operation failed: " + e.getMessage(), e);
    }
  }

  public void inTransaction(VoidWork work) {
    inTransaction(
        () -> {
          work.run();
          return null;
        });
  }

  /** Runs an INSERT, UPDATE or DELETE; returns the number of rows changed. */
  public int update(String sql, Object... args) {
    return withConnection(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
          }
        },
        sql);
  }

  /** Runs an INSERT and returns the generated {@code id}. */
  public long insert(String sql, Object... args) {
    return withConnection(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql, new String[] {idColumn()})) {
            bind(ps, args);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
              if (!keys.next()) {
                throw new SQLException("no generated key returned");
              }
              return keys.getLong(1);
            }
          }
        },
        sql);
  }

  public <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) {
    return withConnection(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
              List<T> out = new ArrayList<>();
              while (rs.next()) {
                out.add(mapper.map(rs));
              }
              return out;
            }
          }
        },
        sql);
  }

  public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... args) {
    List<T> rows = query(sql, mapper, args);
    return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
  }

  public long queryLong(String sql, Object... args) {
    return queryOne(sql, rs -> rs.getLong(1), args).orElse(0L);
  }

  /**
   * Closes the pool. H2 closes an embedded database when its last connection closes; no SHUTDOWN
   * statement here, since a command connected through another process's auto-server would stop that
   * process's database too.
   */
  @Override
  public void close() {
    dataSource.close();
  }

  private String idColumn() {
    // PostgreSQL returns the whole row unless told the column; H2 accepts either case.
    return vendor == Vendor.POSTGRESQL ? "id" : "ID";
  }

  @FunctionalInterface
  private interface ConnectionWork<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T withConnection(ConnectionWork<T> work, String sql) {
    Connection bound = current.get();
    try {
      if (bound != null) {
        return work.run(bound);
      }
      try (Connection c = dataSource.getConnection()) {
        return work.run(c);
      }
    } catch (SQLException e) {
      throw new StoreException(
          "database statement failed (" + firstWords(sql) + "): " + e.getMessage(), e);
    }
  }

  private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      if (a instanceof Instant t) {
        ps.setObject(i + 1, t.atOffset(ZoneOffset.UTC));
      } else if (a instanceof Enum<?> e) {
        ps.setString(i + 1, e.name());
      } else if (a instanceof Timestamp t) {
        ps.setObject(i + 1, t.toInstant().atOffset(ZoneOffset.UTC));
      } else {
        ps.setObject(i + 1, a);
      }
    }
  }

  private static String firstWords(String sql) {
    String s = sql.strip().replaceAll("\\s+", " ");
    return s.length() <= 60 ? s : s.substring(0, 60) + "…";
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException e) {
      log.warn("rollback failed: {}", e.getMessage());
    }
  }

  static String maskUrl(String url) {
    return url.replaceAll("(?i)(password=)[^;&]*", "$1***")
        .replaceAll("//([^:/@]+):[^@/]*@", "//$1:***@");
  }

  private static DatabaseUnavailableException explain(String safeUrl, RuntimeException e) {
    Throwable root = e;
    SQLException sql = null;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
      if (root instanceof SQLException s && sql == null) {
        sql = s;
      }
    }
    String text = String.valueOf(root.getMessage()).toLowerCase(Locale.ROOT);
    String reason;
    if (sql != null && sql.getErrorCode() == 90020 || text.contains("already in use")) {
      reason =
          "the database file is in use by another running nichebot (or another program);"
              + " stop it first, or point store.url / data.dir elsewhere";
    } else if (text.contains("connection refused")
        || text.contains("connect timed out")
        || text.contains("unknownhost")
        || root instanceof java.net.UnknownHostException) {
      reason = "the database server cannot be reached; check store.url and that it is running";
    } else if (text.contains("password")
        || text.contains("authentication")
        || sql != null && "28P01".equals(sql.getSQLState())) {
      reason = "the database refused the login; check store.username and store.password";
    } else {
      reason = "the database cannot be opened";
    }
    String detail = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return new DatabaseUnavailableException(
        reason + " (" + safeUrl + "): " + maskUrl(firstLine(detail)), e);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
