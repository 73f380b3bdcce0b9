package dev.nichebot.moderation;

import dev.nichebot.store.Database;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The {@code sources} table, which the crawl stage reads (enabled rows). A source is never deleted
 * once it has produced anything (candidates and seen items refer to it): removing disables it.
 */
final class SourceRegistry {
  static final String ORIGIN = "moderator";

  /** One row of {@code sources}. */
  record Source(long id, String spec, String kind, boolean enabled, String origin) {}

  private final Database db;
  private final Clock clock;

  SourceRegistry(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  List<Source> all() {
    return db.query(
        "SELECT id, spec, kind, enabled, origin FROM sources ORDER BY id",
        rs ->
            new Source(
                rs.getLong("id"),
                rs.getString("spec"),
                rs.getString("kind"),
                rs.getBoolean("enabled"),
                rs.getString("origin")));
  }

  /** The row for a spec; Reddit specs match case-insensitively. */
  Optional<Source> find(SourceSpec spec) {
    String sql =
        spec.kind().equals("reddit")
            ? "SELECT id, spec, kind, enabled, origin FROM sources WHERE LOWER(spec) = ?"
            : "SELECT id, spec, kind, enabled, origin FROM sources WHERE spec = ?";
    return db.queryOne(
        sql + " ORDER BY id FETCH FIRST 1 ROWS ONLY",
        rs ->
            new Source(
                rs.getLong("id"),
                rs.getString("spec"),
                rs.getString("kind"),
                rs.getBoolean("enabled"),
                rs.getString("origin")),
        spec.spec());
  }

  void add(SourceSpec spec, String by) {
    db.insert(
        "INSERT INTO sources (spec, kind, enabled, origin, added_by, added_at)"
            + " VALUES (?, ?, TRUE, ?, ?, ?)",
        spec.spec(),
        spec.kind(),
        ORIGIN,
        by,
        clock.instant());
  }

  void setEnabled(long id, boolean enabled) {
    db.update("UPDATE sources SET enabled = ? WHERE id = ?", enabled, id);
  }

  /** Deletes a source nothing refers to yet; returns false (and keeps it) otherwise. */
  boolean deleteIfUnused(long id) {
    long used =
        db.queryLong("SELECT COUNT(*) FROM candidates WHERE source_id = ?", id)
            + db.queryLong("SELECT COUNT(*) FROM source_seen WHERE source_id = ?", id);
    if (used > 0) {
      return false;
    }
    return db.update("DELETE FROM sources WHERE id = ?", id) == 1;
  }
}
