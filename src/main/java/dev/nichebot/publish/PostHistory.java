package dev.nichebot.publish;

import dev.nichebot.store.Database;
import dev.nichebot.store.Rows;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code posts} table: every post kept, for the gap, the daily maximum and the history. */
public final class PostHistory {
  private final Database db;

  public PostHistory(Database db) {
    this.db = db;
  }

  /** Records a post (call inside the transaction that marks the candidate PUBLISHED). */
  long insert(
      long candidateId,
      String redditId,
      String url,
      String permalink,
      String title,
      String subreddit,
      String kind,
      Instant postedAt,
      boolean dryRun) {
    return db.insert(
        "INSERT INTO posts (candidate_id, reddit_id, reddit_url, permalink, title, subreddit, kind,"
            + " posted_at, dry_run) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        candidateId,
        redditId,
        cut(url, 2048),
        cut(permalink, 2048),
        cut(title, 400),
        cut(subreddit, 64),
        kind,
        postedAt,
        dryRun);
  }

  void setComment(long postId, String commentId) {
    db.update("UPDATE posts SET comment_id = ? WHERE id = ?", commentId, postId);
  }

  /** When the newest post was made (dry runs count: they stand for posts). */
  public Optional<Instant> lastPostAt() {
    return db.queryOne("SELECT MAX(posted_at) AS t FROM posts", rs -> Rows.instant(rs, "t"));
  }

  /** Posts made at or after {@code since}. */
  public long countSince(Instant since) {
    return db.queryLong("SELECT COUNT(*) FROM posts WHERE posted_at >= ?", since);
  }

  /** Every Reddit post id already recorded: reconciling never claims one of them again. */
  java.util.Set<String> recordedRedditIds() {
    return new java.util.HashSet<>(
        db.query("SELECT reddit_id FROM posts WHERE reddit_id IS NOT NULL", rs -> rs.getString(1)));
  }

  public long count() {
    return db.queryLong("SELECT COUNT(*) FROM posts");
  }

  /** The newest posts first. */
  public List<Post> recent(int limit) {
    return db.query(
        SELECT
            + " ORDER BY p.posted_at DESC, p.id DESC FETCH FIRST "
            + Math.max(1, limit)
            + " ROWS ONLY",
        PostHistory::map);
  }

  public List<Post> forCandidate(long candidateId) {
    return db.query(
        SELECT + " WHERE p.candidate_id = ? ORDER BY p.id", PostHistory::map, candidateId);
  }

  private static final String SELECT =
      "SELECT p.id, p.candidate_id, p.reddit_id, p.reddit_url, p.permalink, p.title, p.subreddit,"
          + " p.kind, p.posted_at, p.dry_run, p.removed_at, p.comment_id, c.source_url,"
          + " c.page_url FROM posts p JOIN candidates c ON c.id = p.candidate_id";

  private static Post map(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Post(
        rs.getLong("id"),
        rs.getLong("candidate_id"),
        rs.getString("reddit_id"),
        rs.getString("reddit_url"),
        rs.getString("permalink"),
        rs.getString("title"),
        rs.getString("subreddit"),
        rs.getString("kind"),
        Rows.instant(rs, "posted_at"),
        rs.getBoolean("dry_run"),
        Rows.instant(rs, "removed_at"),
        rs.getString("comment_id"),
        rs.getString("source_url"),
        rs.getString("page_url"));
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
