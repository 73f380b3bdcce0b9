package dev.nichebot.review;

import dev.nichebot.domain.Vote;
import dev.nichebot.store.Database;
import dev.nichebot.store.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The review_decisions table: every vote, withdrawn or not. These are the model's labels. */
public final class VoteStore {
  public record VoteRow(
      long id,
      long candidateId,
      String reviewer,
      String reviewerName,
      String channel,
      Vote vote,
      Instant decidedAt,
      Instant withdrawnAt) {}

  /** A reviewer's totals over a period. */
  public record ReviewerStats(String reviewer, String name, long approvals, long rejections) {}

  private final Database db;

  public VoteStore(Database db) {
    this.db = db;
  }

  public long add(long candidateId, Reviewer reviewer, Vote vote, Instant at) {
    return db.insert(
        "INSERT INTO review_decisions (candidate_id, reviewer, reviewer_name, channel, vote,"
            + " decided_at) VALUES (?, ?, ?, ?, ?, ?)",
        candidateId,
        reviewer.id(),
        reviewer.name(),
        reviewer.channel(),
        vote,
        at);
  }

  public boolean withdraw(long voteId, Instant at) {
    return db.update(
            "UPDATE review_decisions SET withdrawn_at = ? WHERE id = ? AND withdrawn_at IS NULL",
            at,
            voteId)
        == 1;
  }

  public List<VoteRow> active(long candidateId) {
    return db.query(
        "SELECT * FROM review_decisions WHERE candidate_id = ? AND withdrawn_at IS NULL ORDER BY id",
        VoteStore::map,
        candidateId);
  }

  public Optional<VoteRow> active(long candidateId, String reviewerId) {
    return db.queryOne(
        "SELECT * FROM review_decisions WHERE candidate_id = ? AND reviewer = ? AND withdrawn_at"
            + " IS NULL ORDER BY id DESC FETCH FIRST 1 ROWS ONLY",
        VoteStore::map,
        candidateId,
        reviewerId);
  }

  /** The reviewer's newest vote that is still active, on any candidate (for "undo"). */
  public Optional<VoteRow> lastActiveBy(String reviewerId) {
    return db.queryOne(
        "SELECT * FROM review_decisions WHERE reviewer = ? AND withdrawn_at IS NULL ORDER BY id"
            + " DESC FETCH FIRST 1 ROWS ONLY",
        VoteStore::map,
        reviewerId);
  }

  public List<ReviewerStats> statsSince(Instant since) {
    Map<String, long[]> counts = new LinkedHashMap<>();
    Map<String, String> names = new LinkedHashMap<>();
    db.query(
            "SELECT reviewer, reviewer_name, vote FROM review_decisions WHERE decided_at >= ? AND"
                + " withdrawn_at IS NULL ORDER BY reviewer",
            rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)},
            since)
        .forEach(
            r -> {
              long[] c = counts.computeIfAbsent(r[0], k -> new long[2]);
              c[Vote.valueOf(r[2]) == Vote.APPROVE ? 0 : 1]++;
              names.put(r[0], r[1]);
            });
    return counts.entrySet().stream()
        .map(
            e ->
                new ReviewerStats(
                    e.getKey(), names.get(e.getKey()), e.getValue()[0], e.getValue()[1]))
        .toList();
  }

  /**
   * One label per reviewed image: the newest active vote on any candidate showing it. Withdrawn
   * votes are not labels.
   */
  public List<Label> labels() {
    return db.query(
        "SELECT i.sha256, i.path, d.vote, d.decided_at FROM review_decisions d"
            + " JOIN candidates c ON c.id = d.candidate_id JOIN images i ON i.id = c.image_id"
            + " WHERE d.withdrawn_at IS NULL AND d.id = (SELECT MAX(d2.id) FROM review_decisions d2"
            + " JOIN candidates c2 ON c2.id = d2.candidate_id"
            + " WHERE c2.image_id = c.image_id AND d2.withdrawn_at IS NULL)"
            + " ORDER BY d.id",
        rs ->
            new Label(
                rs.getString(1),
                rs.getString(2),
                Vote.valueOf(rs.getString(3)) == Vote.APPROVE,
                Rows.instant(rs, "decided_at")));
  }

  /**
   * A training label.
   *
   * @param path the image file, relative to the image store's root
   * @param signal true when reviewers approved it
   */
  public record Label(String sha256, String path, boolean signal, Instant at) {}

  private static VoteRow map(ResultSet rs) throws SQLException {
    return new VoteRow(
        rs.getLong("id"),
        rs.getLong("candidate_id"),
        rs.getString("reviewer"),
        rs.getString("reviewer_name"),
        rs.getString("channel"),
        Vote.valueOf(rs.getString("vote")),
        Rows.instant(rs, "decided_at"),
        Rows.instant(rs, "withdrawn_at"));
  }
}
