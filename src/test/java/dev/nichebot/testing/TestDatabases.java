package dev.nichebot.testing;

import dev.nichebot.config.BotConfig;
import dev.nichebot.config.Secret;
import dev.nichebot.store.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/** Fresh, migrated databases for tests. */
public final class TestDatabases {
  private TestDatabases() {}

  /** An in-memory H2 database, gone when closed. */
  public static Database inMemory() {
    Database db =
        Database.open(store("jdbc:h2:mem:nb-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
    db.migrate();
    return db;
  }

  /** An H2 file database in {@code dir}, as the bot uses by default. */
  public static Database file(Path dir) {
    Database db = Database.open(store("jdbc:h2:async:" + dir.resolve("nichebot").toAbsolutePath()));
    db.migrate();
    return db;
  }

  public static BotConfig.Store store(String url) {
    return new BotConfig.Store(url, "", Secret.empty(), 4, Duration.ofSeconds(5));
  }
}
