package dev.nichebot.web.review;

import dev.nichebot.domain.Candidate;
import dev.nichebot.domain.CandidateState;
import dev.nichebot.domain.Vote;
import dev.nichebot.review.ReviewService;
import dev.nichebot.review.Reviewer;
import dev.nichebot.review.VoteResult;
import dev.nichebot.review.VoteStore;
import dev.nichebot.store.AuditLog;
import dev.nichebot.store.CandidateStore;
import dev.nichebot.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The page's decisions. A candidate waiting for review is decided by {@link ReviewService}, as a
 * Discord reaction would be (same quorum, veto, audit, labels). A backlog candidate gets a label
 * only: one row in the same review_decisions table, which {@code train --from-reviews} reads; it
 * stays where it is in the pipeline.
 */
public final class ReviewActions {

  /**
   * What an action did, as the API answers it.
   *
   * @param status the HTTP status: 200 done or unchanged, 404 unknown, 409 nothing changed
   */
  public record Answer(
      int status, String kind, long candidateId, String message, CandidateState state) {}

  private final Database db;
  private final CandidateStore candidates;
  private final ReviewService review;
  private final AuditLog audit;
  private final Clock clock;

  public ReviewActions(
      Database db, CandidateStore candidates, ReviewService review, AuditLog audit, Clock clock) {
    this.db = db;
    this.candidates = candidates;
    this.review = review;
    this.audit = audit;
    this.clock = clock;
  }

  public Answer decide(long candidateId, Reviewer reviewer, Vote vote) {
    Optional<Candidate> found = candidates.find(candidateId);
    if (found.isEmpty()) {
      return new Answer(404, "REFUSED", candidateId, "no candidate " + candidateId, null);
    }
    if (ReviewQueries.BACKLOG.contains(found.get().state())) {
      return label(candidateId, reviewer, vote);
    }
    return answer(review.vote(candidateId, reviewer, vote));
  }

  /** Withdraws the reviewer's newest decision (vote or label) within the undo window. */
  public Answer undoLast(Reviewer reviewer) {
    VoteStore votes = review.votes();
    Optional<VoteStore.VoteRow> last = votes.lastActiveBy(reviewer.id());
    if (last.isEmpty()) {
      return new Answer(409, "REFUSED", 0, "nothing to undo", null);
    }
    long id = last.get().candidateId();
    Optional<Candidate> c = candidates.find(id);
    if (c.isPresent() && ReviewQueries.BACKLOG.contains(c.get().state())) {
      return unlabel(last.get(), reviewer);
    }
    return answer(review.withdraw(id, reviewer, Optional.of(last.get().vote())));
  }

  private Answer label(long candidateId, Reviewer reviewer, Vote vote) {
    Instant now = clock.instant();
    VoteStore votes = review.votes();
    return db.inTransaction(
        () -> {
          // The same row lock ReviewService takes: two labellers at once cannot both win.
          db.queryOne(
              "SELECT id FROM candidates WHERE id = ? FOR UPDATE",
              rs -> rs.getLong(1),
              candidateId);
          Candidate c = candidates.find(candidateId).orElseThrow();
          if (!ReviewQueries.BACKLOG.contains(c.state())) {
            return new Answer(
                409,
                "CONFLICT",
                candidateId,
                "candidate " + candidateId + " left the backlog meanwhile: " + describe(c.state()),
                c.state());
          }
          Optional<VoteStore.VoteRow> other =
              votes.active(candidateId).stream()
                  .filter(v -> !v.reviewer().equals(reviewer.id()))
                  .findFirst();
          if (other.isPresent()) {
            return new Answer(
                409,
                "CONFLICT",
                candidateId,
                "candidate "
                    + candidateId
                    + " was already labelled "
                    + word(other.get().vote())
                    + " by "
                    + other.get().reviewerName(),
                c.state());
          }
          Optional<VoteStore.VoteRow> mine = votes.active(candidateId, reviewer.id());
          if (mine.isPresent() && mine.get().vote() == vote) {
            return new Answer(
                200,
                "UNCHANGED",
                candidateId,
                "you already labelled candidate " + candidateId + " " + word(vote),
                c.state());
          }
          mine.ifPresent(m -> votes.withdraw(m.id(), now));
          votes.add(candidateId, reviewer, vote, now);
          audit.record(
              reviewer.id(),
              reviewer.channel(),
              "label",
              "candidate " + candidateId,
              mine.map(m -> m.vote().name()).orElse(null),
              vote.name(),
              reviewer.name());
          return new Answer(
              200,
              "LABELLED",
              candidateId,
              "candidate " + candidateId + " labelled " + word(vote) + " (it stays in the backlog)",
              c.state());
        });
  }

  private Answer unlabel(VoteStore.VoteRow row, Reviewer reviewer) {
    Instant now = clock.instant();
    Duration window = review.policy().undoWindow();
    if (Duration.between(row.decidedAt(), now).compareTo(window) > 0) {
      return new Answer(
          409,
          "REFUSED",
          row.candidateId(),
          "too late to undo: decisions can be undone within " + window.toMinutes() + " min",
          null);
    }
    if (!review.votes().withdraw(row.id(), now)) {
      return new Answer(409, "REFUSED", row.candidateId(), "nothing to undo", null);
    }
    audit.record(
        reviewer.id(),
        reviewer.channel(),
        "withdraw label",
        "candidate " + row.candidateId(),
        row.vote().name(),
        null,
        reviewer.name());
    return new Answer(
        200,
        "WITHDRAWN",
        row.candidateId(),
        "label withdrawn on candidate " + row.candidateId(),
        candidates.find(row.candidateId()).map(Candidate::state).orElse(null));
  }

  private Answer answer(VoteResult r) {
    int status =
        switch (r.kind()) {
          case CONFLICT, REFUSED -> r.message().startsWith("no candidate") ? 404 : 409;
          default -> 200;
        };
    CandidateState state =
        r.candidateId() == 0
            ? null
            : candidates.find(r.candidateId()).map(Candidate::state).orElse(null);
    return new Answer(status, r.kind().name(), r.candidateId(), r.message(), state);
  }

  private static String describe(CandidateState s) {
    return "it is " + s.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private static String word(Vote v) {
    return v == Vote.APPROVE ? "approve" : "reject";
  }
}
