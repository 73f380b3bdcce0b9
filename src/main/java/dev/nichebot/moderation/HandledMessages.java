package dev.nichebot.moderation;

import dev.nichebot.store.Database;
import java.time.Clock;

/**
 * Inbox items the bot has acted on. The row is written in the same transaction as the command's
 * effect, so "handled" and "done" are one fact: an item Reddit serves again (because marking it
 * read did not happen before a crash) is recognised and only marked read.
 */
final class HandledMessages {
  /** What became of an item. */
  enum Outcome {
    /** A moderator's command (including one refused for bad arguments). */
    COMMAND,
    /** Not a moderator's private message: no effect. */
    REFUSED,
    /** A moderator's command that failed unexpectedly; nothing changed. */
    FAILED
  }

  private final Database db;
  private final Clock clock;

  HandledMessages(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  boolean contains(String fullname) {
    return db.queryLong("SELECT COUNT(*) FROM moderation_handled WHERE fullname = ?", fullname) > 0;
  }

  /**
   * Records an item as handled, inside the caller's transaction. A second insert of the same item
   * fails on the primary key, rolling back the caller's transaction with it.
   */
  void record(String fullname, String author, Outcome outcome) {
    db.update(
        "INSERT INTO moderation_handled (fullname, author, outcome, handled_at) VALUES (?, ?, ?, ?)",
        fullname,
        author == null ? null : Md.oneLine(author, 128),
        outcome,
        clock.instant());
  }
}
