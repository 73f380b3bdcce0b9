package dev.nichebot.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Null-aware column readers, since JDBC's primitives turn NULL into zero. */
public final class Rows {
  private Rows() {}

  public static Instant instant(ResultSet row, String column) throws SQLException {
    OffsetDateTime t = row.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  public static Long longOrNull(ResultSet row, String column) throws SQLException {
    long v = row.getLong(column);
    return row.wasNull() ? null : v;
  }

  public static Integer intOrNull(ResultSet row, String column) throws SQLException {
    int v = row.getInt(column);
    return row.wasNull() ? null : v;
  }

  public static Double doubleOrNull(ResultSet row, String column) throws SQLException {
    double v = row.getDouble(column);
    return row.wasNull() ? null : v;
  }
}
