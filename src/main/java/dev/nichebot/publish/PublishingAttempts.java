package dev.nichebot.publish;

import dev.nichebot.store.Database;
import dev.nichebot.store.Rows;
import java.time.Instant;

/** Reads what an attempt to post a candidate intended (the {@code publish_*} columns). */
final class PublishingAttempts {
  /**
   * @param kind {@code link}, {@code image} or {@code crosspost}
   * @param title the title sent
   * @param target the subreddit
   * @param startedAt when the attempt was committed
   * @param assetId Reddit's media asset id, when an image post was accepted but not confirmed
   * @param dryRun written to the outbox, not Reddit
   * @param linkUrl the image address a link post points to
   * @param crosspostOf the original post a crosspost points to
   */
  record Attempt(
      String kind,
      String title,
      String target,
      Instant startedAt,
      String assetId,
      boolean dryRun,
      String linkUrl,
      String crosspostOf) {}

  private final Database db;

  PublishingAttempts(Database db) {
    this.db = db;
  }

  Attempt of(long candidateId) {
    return db.queryOne(
            "SELECT publish_kind, publish_title, publish_target, publish_started_at,"
                + " publish_asset_id, publish_dry_run, source_url, external_id FROM candidates"
                + " WHERE id = ?",
            rs ->
                new Attempt(
                    rs.getString("publish_kind"),
                    rs.getString("publish_title"),
                    rs.getString("publish_target"),
                    Rows.instant(rs, "publish_started_at"),
                    rs.getString("publish_asset_id"),
                    rs.getBoolean("publish_dry_run"),
                    rs.getString("source_url"),
                    rs.getString("external_id")),
            candidateId)
        .orElseThrow(() -> new IllegalStateException("no candidate " + candidateId));
  }

  /** When the candidate was first approved, if an attempt recorded it. */
  Instant approvedAt(long candidateId) {
    return db.queryOne(
            "SELECT approved_at FROM candidates WHERE id = ?",
            rs -> Rows.instant(rs, "approved_at"),
            candidateId)
        .orElse(null);
  }
}
