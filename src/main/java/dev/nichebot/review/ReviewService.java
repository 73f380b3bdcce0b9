package dev.nichebot.review;

import dev.nichebot.domain.Candidate;
import dev.nichebot.domain.CandidateState;
import dev.nichebot.domain.Vote;
import dev.nichebot.store.AuditLog;
import dev.nichebot.store.CandidateChanges;
import dev.nichebot.store.CandidateStore;
import dev.nichebot.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns reviewers' votes into decisions, the same way whether they come from Discord reactions or
 * the web page: one active vote per reviewer, a quorum of approvals, an optional veto, withdrawal
 * within the undo window. Every vote is kept (the model's labels) and audited.
 */
public final class ReviewService {
  private static final Logger log = LoggerFactory.getLogger(ReviewService.class);

  private final Database db;
  private final CandidateStore candidates;
  private final VoteStore votes;
  private final AuditLog audit;
  private final ReviewPolicy policy;
  private final Clock clock;
  private final List<DecisionListener> listeners = new CopyOnWriteArrayList<>();

  public ReviewService(
      Database db,
      CandidateStore candidates,
      VoteStore votes,
      AuditLog audit,
      ReviewPolicy policy,
      Clock clock) {
    this.db = db;
    this.candidates = candidates;
    this.votes = votes;
    this.audit = audit;
    this.policy = policy;
    this.clock = clock;
  }

  public void addListener(DecisionListener listener) {
    listeners.add(listener);
  }

  public ReviewPolicy policy() {
    return policy;
  }

  public VoteStore votes() {
    return votes;
  }

  /** A vote on a candidate waiting for review (in the queue or in the channel). */
  public VoteResult vote(long candidateId, Reviewer reviewer, Vote vote) {
    Instant now = clock.instant();
    Outcome outcome =
        db.inTransaction(
            () -> {
              Optional<Candidate> found = lock(candidateId);
              if (found.isEmpty()) {
                return new Outcome(
                    VoteResult.of(
                        VoteResult.Kind.REFUSED, candidateId, "no candidate " + candidateId),
                    null);
              }
              Candidate c = found.get();
              if (c.state() != CandidateState.IN_REVIEW
                  && c.state() != CandidateState.QUEUED_FOR_REVIEW) {
                return new Outcome(
                    VoteResult.of(
                        VoteResult.Kind.CONFLICT,
                        candidateId,
                        "candidate "
                            + candidateId
                            + " is no longer waiting for review: "
                            + describe(c)),
                    null);
              }
              Optional<VoteStore.VoteRow> previous = votes.active(candidateId, reviewer.id());
              if (previous.isPresent() && previous.get().vote() == vote) {
                return new Outcome(
                    VoteResult.of(
                        VoteResult.Kind.UNCHANGED,
                        candidateId,
                        "you already voted " + word(vote) + " on candidate " + candidateId),
                    null);
              }
              previous.ifPresent(p -> votes.withdraw(p.id(), now));
              votes.add(candidateId, reviewer, vote, now);
              audit.record(
                  reviewer.id(),
                  reviewer.channel(),
                  "vote",
                  "candidate " + candidateId,
                  previous.map(p -> p.vote().name()).orElse(null),
                  vote.name(),
                  reviewer.name());
              return decideIfReady(c, now);
            });
    notify(outcome, now);
    return outcome.result();
  }

  /**
   * Withdraws a reviewer's vote (a reaction removed, "undo" on the page) within the undo window.
   * When that vote had decided the candidate and the rest no longer do, it waits for review again.
   *
   * @param vote which vote to withdraw; empty for the reviewer's newest on this candidate
   */
  public VoteResult withdraw(long candidateId, Reviewer reviewer, Optional<Vote> vote) {
    Instant now = clock.instant();
    Outcome outcome =
        db.inTransaction(
            () -> {
              Optional<Candidate> found = lock(candidateId);
              Optional<VoteStore.VoteRow> active = votes.active(candidateId, reviewer.id());
              if (found.isEmpty()
                  || active.isEmpty()
                  || vote.isPresent() && active.get().vote() != vote.get()) {
                return new Outcome(
                    VoteResult.of(
                        VoteResult.Kind.REFUSED,
                        candidateId,
                        "you have no vote to withdraw on candidate " + candidateId),
                    null);
              }
              VoteStore.VoteRow row = active.get();
              if (Duration.between(row.decidedAt(), now).compareTo(policy.undoWindow()) > 0) {
                return new Outcome(
                    VoteResult.of(
                        VoteResult.Kind.REFUSED,
                        candidateId,
                        "too late to withdraw: votes can be withdrawn within "
                            + human(policy.undoWindow())),
                    null);
              }
              Candidate c = found.get();
              boolean decided =
                  c.state() == CandidateState.APPROVED || c.state() == CandidateState.REJECTED;
              if (!decided
                  && c.state() != CandidateState.IN_REVIEW
                  && c.state() != CandidateState.QUEUED_FOR_REVIEW) {
                return new Outcome(
                    VoteResult.of(
                        VoteResult.Kind.CONFLICT,
                        candidateId,
                        "too late to withdraw: candidate " + candidateId + " " + describe(c)),
                    null);
              }
              votes.withdraw(row.id(), now);
              audit.record(
                  reviewer.id(),
                  reviewer.channel(),
                  "withdraw vote",
                  "candidate " + candidateId,
                  row.vote().name(),
                  null,
                  reviewer.name());
              if (decided) {
                Optional<Vote> still = tally(candidateId);
                Vote was = c.state() == CandidateState.APPROVED ? Vote.APPROVE : Vote.REJECT;
                if (still.isEmpty() || still.get() != was) {
                  candidates.transition(
                      candidateId,
                      c.state(),
                      CandidateState.IN_REVIEW,
                      CandidateChanges.reason("reopened: " + reviewer.name() + " withdrew a vote"));
                  audit.record(
                      reviewer.id(),
                      reviewer.channel(),
                      "reopen",
                      "candidate " + candidateId,
                      c.state().name(),
                      CandidateState.IN_REVIEW.name(),
                      null);
                  Candidate reopened = candidates.find(candidateId).orElseThrow();
                  // Someone else's votes may decide it at once the other way.
                  Outcome again = decideIfReady(reopened, now);
                  if (again.decided() != null) {
                    return again;
                  }
                  return new Outcome(
                      VoteResult.of(
                          VoteResult.Kind.REOPENED,
                          candidateId,
                          "vote withdrawn: candidate " + candidateId + " waits for review again"),
                      reopened);
                }
              }
              return new Outcome(
                  VoteResult.of(
                      VoteResult.Kind.WITHDRAWN,
                      candidateId,
                      "vote withdrawn on candidate " + candidateId),
                  null);
            });
    notify(outcome, now);
    return outcome.result();
  }

  /** The reviewer's newest vote that can still be withdrawn: what "undo" undoes. */
  public VoteResult undoLast(Reviewer reviewer) {
    Optional<VoteStore.VoteRow> last = votes.lastActiveBy(reviewer.id());
    if (last.isEmpty()) {
      return VoteResult.of(VoteResult.Kind.REFUSED, 0, "nothing to undo");
    }
    return withdraw(last.get().candidateId(), reviewer, Optional.of(last.get().vote()));
  }

  /** The decision the active votes on a candidate make now, if any. */
  public Optional<Vote> tally(long candidateId) {
    List<VoteStore.VoteRow> active = votes.active(candidateId);
    int approvals = (int) active.stream().filter(v -> v.vote() == Vote.APPROVE).count();
    int rejections = active.size() - approvals;
    return policy.decide(approvals, rejections);
  }

  private Outcome decideIfReady(Candidate c, Instant now) {
    List<VoteStore.VoteRow> active = votes.active(c.id());
    Optional<Vote> decision = tally(c.id());
    if (decision.isEmpty()) {
      long approvals = active.stream().filter(v -> v.vote() == Vote.APPROVE).count();
      return new Outcome(
          VoteResult.of(
              VoteResult.Kind.COUNTED,
              c.id(),
              "vote counted on candidate "
                  + c.id()
                  + ": "
                  + approvals
                  + " of "
                  + policy.quorum()
                  + " approvals"),
          null);
    }
    CandidateState target =
        decision.get() == Vote.APPROVE ? CandidateState.APPROVED : CandidateState.REJECTED;
    List<String> by =
        active.stream()
            .filter(v -> v.vote() == decision.get())
            .map(VoteStore.VoteRow::reviewerName)
            .toList();
    if (!candidates.transition(
        c.id(),
        c.state(),
        target,
        CandidateChanges.reason("decided by " + String.join(", ", by)))) {
      return new Outcome(
          VoteResult.of(
              VoteResult.Kind.CONFLICT, c.id(), "candidate " + c.id() + " changed meanwhile"),
          null);
    }
    audit.record(
        "review",
        "review",
        "decide",
        "candidate " + c.id(),
        c.state().name(),
        target.name(),
        "by " + String.join(", ", by));
    log.info("candidate {} {} by {}", c.id(), target.name().toLowerCase(Locale.ROOT), by);
    Candidate after = candidates.find(c.id()).orElseThrow();
    return new Outcome(
        new VoteResult(
            VoteResult.Kind.DECIDED,
            c.id(),
            "candidate " + c.id() + " " + target.name().toLowerCase(Locale.ROOT),
            decision,
            by),
        after,
        decision.get(),
        by);
  }

  private Optional<Candidate> lock(long candidateId) {
    // Serialises votes on one candidate, so two reviewers voting at once cannot both miss quorum.
    db.queryOne(
        "SELECT id FROM candidates WHERE id = ? FOR UPDATE", rs -> rs.getLong(1), candidateId);
    return candidates.find(candidateId);
  }

  private void notify(Outcome outcome, Instant at) {
    if (outcome.candidate() == null) {
      return;
    }
    for (DecisionListener l : listeners) {
      try {
        if (outcome.decided() != null) {
          l.onDecided(outcome.candidate(), outcome.decided(), outcome.by(), at);
        } else if (outcome.result().kind() == VoteResult.Kind.REOPENED) {
          l.onReopened(outcome.candidate());
        }
      } catch (RuntimeException e) {
        log.warn(
            "decision listener failed for candidate {}: {}",
            outcome.candidate().id(),
            e.toString());
      }
    }
  }

  private static String describe(Candidate c) {
    String state = c.state().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    return "it is " + state + (c.reason() == null ? "" : " (" + c.reason() + ")");
  }

  private static String word(Vote v) {
    return v == Vote.APPROVE ? "approve" : "reject";
  }

  static String human(Duration d) {
    if (d.toHours() >= 1 && d.toMinutesPart() == 0) {
      return d.toHours() + " h";
    }
    if (d.toMinutes() >= 1) {
      return d.toMinutes() + " min";
    }
    return d.toSeconds() + " s";
  }

  private record Outcome(VoteResult result, Candidate candidate, Vote decided, List<String> by) {
    Outcome(VoteResult result, Candidate candidate) {
      this(result, candidate, null, List.of());
    }
  }
}
