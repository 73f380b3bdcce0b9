package dev.nichebot.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nichebot.domain.CandidateState;
import dev.nichebot.domain.Vote;
import dev.nichebot.store.AuditLog;
import dev.nichebot.store.CandidateStore;
import dev.nichebot.store.Database;
import dev.nichebot.testing.MutableClock;
import dev.nichebot.testing.TestCandidates;
import dev.nichebot.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReviewServiceTest {
  @TempDir Path images;
  private final MutableClock clock = MutableClock.at("2026-12-01T10:00:00Z");
  private final Database db = TestDatabases.inMemory();
  private final CandidateStore candidates = new CandidateStore(db, clock);
  private final AuditLog audit = new AuditLog(db, clock);
  private final List<String> events = new ArrayList<>();

  private final Reviewer alice = Reviewer.web("alice");
  private final Reviewer bob = Reviewer.web("bob");
  private final Reviewer carol = Reviewer.discord(42);

  @AfterEach
  void close() {
    db.close();
  }

  private ReviewService service(int quorum, boolean veto) {
    ReviewService s =
        new ReviewService(
            db,
            candidates,
            new VoteStore(db),
            audit,
            new ReviewPolicy(
                quorum, veto, Duration.ofMinutes(10), 10, Duration.ofHours(12), Duration.ofDays(2)),
            clock);
    s.addListener(
        new DecisionListener() {
          @Override
          public void onDecided(
              dev.nichebot.domain.Candidate c, Vote d, List<String> by, java.time.Instant at) {
            events.add("decided " + c.id() + " " + d + " by " + by);
          }

          @Override
          public void onReopened(dev.nichebot.domain.Candidate c) {
            events.add("reopened " + c.id());
          }
        });
    return s;
  }

  private long inReview() {
    return new TestCandidates(db, candidates, images).in(CandidateState.IN_REVIEW, 0.8);
  }

  private CandidateState state(long id) {
    return candidates.find(id).orElseThrow().state();
  }

  @Test
  void withTheDefaultsOneApprovalApprovesAndEveryVoteIsALabelAndAudited() {
    ReviewService review = service(1, true);
    long id = inReview();

    VoteResult r = review.vote(id, alice, Vote.APPROVE);

    assertThat(r.kind()).isEqualTo(VoteResult.Kind.DECIDED);
    assertThat(r.decision()).hasValue(Vote.APPROVE);
    assertThat(state(id)).isEqualTo(CandidateState.APPROVED);
    assertThat(new VoteStore(db).labels())
        .singleElement()
        .satisfies(l -> assertThat(l.signal()).isTrue());
    assertThat(audit.recent(10)).extracting(e -> e.action()).contains("vote", "decide");
    assertThat(events).containsExactly("decided " + id + " APPROVE by [alice]");
  }

  @Test
  void aQuorumNeedsThatManyDistinctReviewers() {
    ReviewService review = service(2, true);
    long id = inReview();

    assertThat(review.vote(id, alice, Vote.APPROVE).kind()).isEqualTo(VoteResult.Kind.COUNTED);
    assertThat(review.vote(id, alice, Vote.APPROVE).kind()).isEqualTo(VoteResult.Kind.UNCHANGED);
    assertThat(state(id)).isEqualTo(CandidateState.IN_REVIEW);
    assertThat(review.vote(id, bob, Vote.APPROVE).kind()).isEqualTo(VoteResult.Kind.DECIDED);
    assertThat(state(id)).isEqualTo(CandidateState.APPROVED);
  }

  @Test
  void withVetoOneRejectionWinsWithoutItRejectionsNeedTheQuorumToo() {
    ReviewService veto = service(2, true);
    long a = inReview();
    veto.vote(a, alice, Vote.APPROVE);
    assertThat(veto.vote(a, bob, Vote.REJECT).decision()).hasValue(Vote.REJECT);
    assertThat(state(a)).isEqualTo(CandidateState.REJECTED);

    ReviewService noVeto = service(2, false);
    long b = inReview();
    assertThat(noVeto.vote(b, alice, Vote.REJECT).kind()).isEqualTo(VoteResult.Kind.COUNTED);
    assertThat(noVeto.vote(b, bob, Vote.REJECT).decision()).hasValue(Vote.REJECT);
  }

  @Test
  void aDecisionOnACandidateSomeoneElseDecidedIsAConflictAndChangesNothing() {
    ReviewService review = service(1, true);
    long id = inReview();
    review.vote(id, alice, Vote.APPROVE);
    long votesBefore = db.queryLong("SELECT COUNT(*) FROM review_decisions");

    VoteResult late = review.vote(id, bob, Vote.REJECT);

    assertThat(late.kind()).isEqualTo(VoteResult.Kind.CONFLICT);
    assertThat(late.message()).contains("no longer waiting for review", "approved");
    assertThat(state(id)).isEqualTo(CandidateState.APPROVED);
    assertThat(db.queryLong("SELECT COUNT(*) FROM review_decisions")).isEqualTo(votesBefore);
  }

  @Test
  void withdrawingTheDecidingVoteWithinTheUndoWindowReopensTheCandidate() {
    ReviewService review = service(1, true);
    long id = inReview();
    review.vote(id, carol, Vote.APPROVE);
    clock.advance(Duration.ofMinutes(9));

    VoteResult undo = review.withdraw(id, carol, Optional.of(Vote.APPROVE));

    assertThat(undo.kind()).isEqualTo(VoteResult.Kind.REOPENED);
    assertThat(state(id)).isEqualTo(CandidateState.IN_REVIEW);
    assertThat(new VoteStore(db).active(id)).isEmpty();
    assertThat(new VoteStore(db).labels()).as("a withdrawn vote is not a label").isEmpty();
    assertThat(events).contains("reopened " + id);
  }

  @Test
  void afterTheUndoWindowAVoteStands() {
    ReviewService review = service(1, true);
    long id = inReview();
    review.vote(id, carol, Vote.REJECT);
    clock.advance(Duration.ofMinutes(11));

    VoteResult undo = review.withdraw(id, carol, Optional.of(Vote.REJECT));

    assertThat(undo.kind()).isEqualTo(VoteResult.Kind.REFUSED);
    assertThat(undo.message()).contains("too late", "10 min");
    assertThat(state(id)).isEqualTo(CandidateState.REJECTED);
  }

  @Test
  void undoLastWithdrawsTheReviewersNewestVote() {
    ReviewService review = service(1, true);
    long first = inReview();
    long second = inReview();
    review.vote(first, alice, Vote.APPROVE);
    review.vote(second, alice, Vote.REJECT);

    assertThat(review.undoLast(alice).candidateId()).isEqualTo(second);
    assertThat(state(second)).isEqualTo(CandidateState.IN_REVIEW);
    assertThat(state(first)).isEqualTo(CandidateState.APPROVED);
    assertThat(review.undoLast(bob).kind()).isEqualTo(VoteResult.Kind.REFUSED);
  }

  @Test
  void aReviewerChangingTheirMindReplacesTheirVote() {
    ReviewService review = service(2, false);
    long id = inReview();
    review.vote(id, alice, Vote.APPROVE);
    review.vote(id, alice, Vote.REJECT);
    assertThat(new VoteStore(db).active(id))
        .singleElement()
        .satisfies(v -> assertThat(v.vote()).isEqualTo(Vote.REJECT));
  }

  @Test
  void aWithdrawalAfterPublishingStartedIsTooLate() {
    ReviewService review = service(1, true);
    long id = inReview();
    review.vote(id, alice, Vote.APPROVE);
    candidates.transition(id, CandidateState.APPROVED, CandidateState.PUBLISHING);

    assertThat(review.withdraw(id, alice, Optional.empty()).kind())
        .isEqualTo(VoteResult.Kind.CONFLICT);
    assertThat(state(id)).isEqualTo(CandidateState.PUBLISHING);
  }

  @Test
  void queuedCandidatesCanBeDecidedDirectlyFromTheWebPage() {
    ReviewService review = service(1, true);
    long id = new TestCandidates(db, candidates, images).in(CandidateState.QUEUED_FOR_REVIEW, 0.7);
    assertThat(review.vote(id, alice, Vote.REJECT).kind()).isEqualTo(VoteResult.Kind.DECIDED);
    assertThat(state(id)).isEqualTo(CandidateState.REJECTED);
  }

  @Test
  void statsCountActiveVotesPerReviewer() {
    ReviewService review = service(3, false);
    long a = inReview();
    long b = inReview();
    review.vote(a, alice, Vote.APPROVE);
    review.vote(b, alice, Vote.REJECT);
    review.vote(a, bob, Vote.APPROVE);
    var stats = new VoteStore(db).statsSince(clock.instant().minus(Duration.ofDays(7)));
    assertThat(stats)
        .extracting(VoteStore.ReviewerStats::reviewer)
        .containsExactly("web:alice", "web:bob");
    assertThat(stats.get(0).approvals()).isEqualTo(1);
    assertThat(stats.get(0).rejections()).isEqualTo(1);
  }
}
