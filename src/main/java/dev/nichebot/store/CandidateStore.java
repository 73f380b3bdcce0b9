package dev.nichebot.store;

import dev.nichebot.domain.Candidate;
import dev.nichebot.domain.CandidateState;
import dev.nichebot.domain.IllegalTransitionException;
import dev.nichebot.domain.NewCandidate;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Candidates and their state changes. Every change of state is one UPDATE guarded by the state the
 * caller expects ({@code ... WHERE id = ? AND state = ?}), so two workers, or a replayed event, can
 * never move a candidate twice: the loser simply gets {@code false}.
 */
public final class CandidateStore {
  static final String COLUMNS =
      "id, state, reason, source_id, source_url, page_url, author, title, external_id, image_id,"
          + " signal_score, nsfw_score, model_version, duplicate_of_image_id, duplicate_distance,"
          + " attempts, next_attempt_at, review_message_id, created_at, state_changed_at";

  private final Database db;
  private final Clock clock;

  public CandidateStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * Records a newly found image as DISCOVERED.
   *
   * @return its id, or empty when a candidate with the same image URL already exists
   */
  public Optional<Long> discover(NewCandidate c) {
    Instant now = clock.instant();
    // A savepoint-free check-then-insert: the unique index on source_url is the real guard.
    if (db.queryLong("SELECT COUNT(*) FROM candidates WHERE source_url = ?", c.sourceUrl()) > 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          db.insert(
              "INSERT INTO candidates (state, source_id, source_url, page_url, author, title,"
                  + " external_id, attempts, created_at, updated_at, state_changed_at)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)",
              CandidateState.DISCOVERED,
              c.sourceId(),
              c.sourceUrl(),
              truncate(c.pageUrl(), 2048),
              truncate(c.author(), 128),
              truncate(c.title(), 1000),
              truncate(c.externalId(), 128),
              now,
              now,
              now));
    } catch (StoreException e) {
      if (isUniqueViolation(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  public Optional<Candidate> find(long id) {
    return db.queryOne(
        "SELECT " + COLUMNS + " FROM candidates WHERE id = ?", CandidateStore::map, id);
  }

  /**
   * Moves a candidate from {@code from} to {@code to}, setting {@code changes} in the same UPDATE.
   *
   * @return true when it moved; false when it was not (or no longer) in {@code from}
   * @throws IllegalTransitionException when the state machine does not allow the move at all
   */
  public boolean transition(
      long id, CandidateState from, CandidateState to, CandidateChanges changes) {
    if (!from.canMoveTo(to)) {
      throw new IllegalTransitionException(from, to);
    }
    StringBuilder sql =
        new StringBuilder("UPDATE candidates SET state = ?, updated_at = ?, state_changed_at = ?");
    List<Object> args = new ArrayList<>();
    Instant now = clock.instant();
    args.add(to);
    args.add(now);
    args.add(now);
    for (Map.Entry<String, Object> e : changes.columns().entrySet()) {
      sql.append(", ").append(e.getKey()).append(" = ?");
      args.add(e.getValue());
    }
    sql.append(" WHERE id = ? AND state = ?");
    args.add(id);
    args.add(from);
    return db.update(sql.toString(), args.toArray()) == 1;
  }

  public boolean transition(long id, CandidateState from, CandidateState to) {
    return transition(id, from, to, CandidateChanges.none());
  }

  /**
   * Sets columns without changing state, still guarded by the expected state (for example the
   * attempt counter of a download that will be retried).
   */
  public boolean update(long id, CandidateState expected, CandidateChanges changes) {
    if (changes.columns().isEmpty()) {
      return false;
    }
    StringBuilder sql = new StringBuilder("UPDATE candidates SET updated_at = ?");
    List<Object> args = new ArrayList<>();
    args.add(clock.instant());
    for (Map.Entry<String, Object> e : changes.columns().entrySet()) {
      sql.append(", ").append(e.getKey()).append(" = ?");
      args.add(e.getValue());
    }
    sql.append(" WHERE id = ? AND state = ?");
    args.add(id);
    args.add(expected);
    return db.update(sql.toString(), args.toArray()) == 1;
  }

  /** Candidates in a state, oldest state change first. */
  public List<Candidate> inState(CandidateState state, int limit) {
    return db.query(
        "SELECT "
            + COLUMNS
            + " FROM candidates WHERE state = ? ORDER BY state_changed_at, id FETCH FIRST "
            + Math.max(1, limit)
            + " ROWS ONLY",
        CandidateStore::map,
        state);
  }

  /** Candidates in a state that are due (never tried, or their retry time has come). */
  public List<Candidate> dueInState(CandidateState state, int limit) {
    return db.query(
        "SELECT "
            + COLUMNS
            + " FROM candidates WHERE state = ? AND (next_attempt_at IS NULL OR next_attempt_at <= ?)"
            + " ORDER BY id FETCH FIRST "
            + Math.max(1, limit)
            + " ROWS ONLY",
        CandidateStore::map,
        state,
        clock.instant());
  }

  /**
   * Candidates matching a condition written in code (never from user input), e.g. {@code "state = ?
   * AND review_posted_at < ? ORDER BY id"}.
   */
  public List<Candidate> where(String conditionAndOrder, Object... args) {
    return db.query(
        "SELECT " + COLUMNS + " FROM candidates WHERE " + conditionAndOrder,
        CandidateStore::map,
        args);
  }

  public Optional<Candidate> byReviewMessage(String messageId) {
    return db.queryOne(
        "SELECT "
            + COLUMNS
            + " FROM candidates WHERE review_message_id = ? ORDER BY id DESC FETCH FIRST 1 ROWS ONLY",
        CandidateStore::map,
        messageId);
  }

  /** One more time sent to review: candidates sent less often go first. */
  public void countReviewRound(long id) {
    db.update("UPDATE candidates SET review_rounds = review_rounds + 1 WHERE id = ?", id);
  }

  public long count(CandidateState state) {
    return db.queryLong("SELECT COUNT(*) FROM candidates WHERE state = ?", state);
  }

  /** How many candidates are in each state; every state is present, zero when empty. */
  public Map<CandidateState, Long> countByState() {
    Map<CandidateState, Long> counts = new EnumMap<>(CandidateState.class);
    for (CandidateState s : CandidateState.values()) {
      counts.put(s, 0L);
    }
    db.query(
            "SELECT state, COUNT(*) FROM candidates GROUP BY state",
            rs -> Map.entry(rs.getString(1), rs.getLong(2)))
        .forEach(e -> counts.put(CandidateState.valueOf(e.getKey()), e.getValue()));
    return counts;
  }

  /** FAILED candidates per machine-readable reason code (the text before the first ':'). */
  public Map<String, Long> failuresByReason() {
    Map<String, Long> out = new java.util.TreeMap<>();
    db.query(
            "SELECT reason FROM candidates WHERE state = ?",
            rs -> rs.getString(1),
            CandidateState.FAILED)
        .forEach(r -> out.merge(reasonCode(r), 1L, Long::sum));
    return out;
  }

  static String reasonCode(String reason) {
    if (reason == null || reason.isBlank()) {
      return "UNKNOWN";
    }
    int colon = reason.indexOf(':');
    return (colon < 0 ? reason : reason.substring(0, colon)).trim();
  }

  static Candidate map(ResultSet rs) throws SQLException {
    return new Candidate(
        rs.getLong("id"),
        CandidateState.valueOf(rs.getString("state")),
        rs.getString("reason"),
        Rows.longOrNull(rs, "source_id"),
        rs.getString("source_url"),
        rs.getString("page_url"),
        rs.getString("author"),
        rs.getString("title"),
        rs.getString("external_id"),
        Rows.longOrNull(rs, "image_id"),
        Rows.doubleOrNull(rs, "signal_score"),
        Rows.doubleOrNull(rs, "nsfw_score"),
        rs.getString("model_version"),
        Rows.longOrNull(rs, "duplicate_of_image_id"),
        Rows.intOrNull(rs, "duplicate_distance"),
        rs.getInt("attempts"),
        Rows.instant(rs, "next_attempt_at"),
        rs.getString("review_message_id"),
        Rows.instant(rs, "created_at"),
        Rows.instant(rs, "state_changed_at"));
  }

  static boolean isUniqueViolation(StoreException e) {
    return e.getCause() instanceof SQLException s
        && ("23505".equals(s.getSQLState()) || s.getErrorCode() == 23505);
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
