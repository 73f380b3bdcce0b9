package dev.nichebot.moderation;

import dev.nichebot.domain.AuditEntry;
import dev.nichebot.store.Database;
import dev.nichebot.store.Rows;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Moderators' past commands, read back from the audit log for {@code undo}. */
final class CommandHistory {
  static final String CHANNEL = "reddit";

  private final Database db;

  CommandHistory(Database db) {
    this.db = db;
  }

  /**
   * The moderator's newest command among {@code actions} that changed something (before and after
   * differ) and has not been undone yet.
   */
  Optional<AuditEntry> lastChange(String moderator, Set<String> actions) {
    List<Object> args = new ArrayList<>();
    args.add(moderator.toLowerCase(java.util.Locale.ROOT));
    args.add(CHANNEL);
    args.addAll(actions);
    args.add(CHANNEL);
    String in = String.join(", ", actions.stream().map(a -> "?").toList());
    return db.queryOne(
        "SELECT * FROM audit_log a WHERE LOWER(a.actor) = ? AND a.channel = ?"
            + " AND a.action IN ("
            + in
            + ")"
            + " AND COALESCE(a.before_value, '') <> COALESCE(a.after_value, '')"
            + " AND NOT EXISTS (SELECT 1 FROM audit_log u WHERE u.action = 'undo'"
            + " AND u.channel = ? AND u.target = CONCAT('audit:', CAST(a.id AS VARCHAR(20))))"
            + " ORDER BY a.id DESC FETCH FIRST 1 ROWS ONLY",
        rs ->
            new AuditEntry(
                rs.getLong("id"),
                Rows.instant(rs, "occurred_at"),
                rs.getString("actor"),
                rs.getString("channel"),
                rs.getString("action"),
                rs.getString("target"),
                rs.getString("before_value"),
                rs.getString("after_value"),
                rs.getString("detail")),
        args.toArray());
  }
}
