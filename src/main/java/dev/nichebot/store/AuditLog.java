package dev.nichebot.store;

import dev.nichebot.domain.AuditEntry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Every action taken by a person, or on a person's command: append-only. */
public final class AuditLog {
  private final Database db;
  private final Clock clock;

  public AuditLog(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Appends one entry and returns its id. */
  public long record(
      String actor,
      String channel,
      String action,
      String target,
      String before,
      String after,
      String detail) {
    return db.insert(
        "INSERT INTO audit_log (occurred_at, actor, channel, action, target, before_value,"
            + " after_value, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        clock.instant(),
        cut(actor, 128),
        cut(channel, 16),
        cut(action, 64),
        cut(target, 512),
        cut(before, 2000),
        cut(after, 2000),
        cut(detail, 4000));
  }

  public List<AuditEntry> recent(int limit) {
    return db.query(
        "SELECT * FROM audit_log ORDER BY id DESC FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY",
        AuditLog::map);
  }

  /** The newest entry by one actor with one of the given actions (for a moderator's undo). */
  public Optional<AuditEntry> lastBy(String actor, String channel) {
    return db.queryOne(
        "SELECT * FROM audit_log WHERE actor = ? AND channel = ? ORDER BY id DESC FETCH FIRST 1"
            + " ROWS ONLY",
        AuditLog::map,
        actor,
        channel);
  }

  public List<AuditEntry> byAction(String action, int limit) {
    return db.query(
        "SELECT * FROM audit_log WHERE action = ? ORDER BY id DESC FETCH FIRST "
            + Math.max(1, limit)
            + " ROWS ONLY",
        AuditLog::map,
        action);
  }

  private static AuditEntry map(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new AuditEntry(
        rs.getLong("id"),
        Rows.instant(rs, "occurred_at"),
        rs.getString("actor"),
        rs.getString("channel"),
        rs.getString("action"),
        rs.getString("target"),
        rs.getString("before_value"),
        rs.getString("after_value"),
        rs.getString("detail"));
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
