package dev.nichebot.moderation;

import dev.nichebot.store.Database;
import java.time.Clock;

/** The {@code blocklist} table: users and domains the crawl stage never takes images from. */
final class Blocklist {
  /** What a block names. */
  enum Kind {
    USER,
    DOMAIN
  }

  private final Database db;
  private final Clock clock;

  Blocklist(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  boolean contains(Kind kind, String value) {
    return db.queryLong(
            "SELECT COUNT(*) FROM blocklist WHERE kind = ? AND block_value = ?", kind, value)
        > 0;
  }

  void add(Kind kind, String value, String by) {
    db.update(
        "INSERT INTO blocklist (kind, block_value, added_by, added_at) VALUES (?, ?, ?, ?)",
        kind,
        value,
        by,
        clock.instant());
  }

  boolean remove(Kind kind, String value) {
    return db.update("DELETE FROM blocklist WHERE kind = ? AND block_value = ?", kind, value) == 1;
  }
}
