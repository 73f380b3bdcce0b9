package dev.nichebot.moderation;

import dev.nichebot.store.Database;
import dev.nichebot.store.Rows;
import java.time.Instant;
import java.util.Optional;

/** The bot's own posts (the {@code posts} table), as far as {@code remove} needs them. */
final class PostRecords {
  /** One post the bot made. */
  record Post(
      long id,
      long candidateId,
      String redditId,
      String title,
      Instant postedAt,
      Instant removedAt) {}

  private final Database db;

  PostRecords(Database db) {
    this.db = db;
  }

  /** The bot's post with this base-36 id (stored with or without the {@code t3_} prefix). */
  Optional<Post> byRedditId(String base36) {
    return db.queryOne(
        "SELECT id, candidate_id, reddit_id, title, posted_at, removed_at FROM posts"
            + " WHERE (reddit_id = ? OR reddit_id = ?) AND dry_run = FALSE"
            + " ORDER BY id DESC FETCH FIRST 1 ROWS ONLY",
        rs ->
            new Post(
                rs.getLong("id"),
                rs.getLong("candidate_id"),
                rs.getString("reddit_id"),
                rs.getString("title"),
                Rows.instant(rs, "posted_at"),
                Rows.instant(rs, "removed_at")),
        base36,
        "t3_" + base36);
  }

  void markRemoved(long postId, String by, Instant at) {
    db.update("UPDATE posts SET removed_at = ?, removed_by = ? WHERE id = ?", at, by, postId);
  }

  /** Marks an image never to be posted again. */
  void banImage(long imageId) {
    db.update("UPDATE images SET banned = TRUE WHERE id = ?", imageId);
  }
}
