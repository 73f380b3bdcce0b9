package dev.nichebot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nichebot.domain.Candidate;
import dev.nichebot.domain.CandidateState;
import dev.nichebot.domain.IllegalTransitionException;
import dev.nichebot.domain.NewCandidate;
import dev.nichebot.testing.MutableClock;
import dev.nichebot.testing.TestDatabases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every allowed and every forbidden move of the candidate state machine, against the database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CandidateTransitionsTest {
  private final MutableClock clock = MutableClock.at("2026-12-01T10:00:00Z");
  private final AtomicLong urls = new AtomicLong();
  private Database db;
  private CandidateStore store;

  @BeforeAll
  void openDatabase() {
    db = TestDatabases.inMemory();
    store = new CandidateStore(db, clock);
  }

  @AfterAll
  void closeDatabase() {
    db.close();
  }

  static Stream<Arguments> allowedMoves() {
    List<Arguments> out = new ArrayList<>();
    for (CandidateState from : CandidateState.values()) {
      for (CandidateState to : from.next()) {
        out.add(Arguments.of(from, to));
      }
    }
    return out.stream();
  }

  static Stream<Arguments> forbiddenMoves() {
    List<Arguments> out = new ArrayList<>();
    for (CandidateState from : CandidateState.values()) {
      for (CandidateState to : CandidateState.values()) {
        if (!from.canMoveTo(to)) {
          out.add(Arguments.of(from, to));
        }
      }
    }
    return out.stream();
  }

  /** A new candidate put into {@code state} directly, as if the pipeline had brought it there. */
  private long candidateIn(CandidateState state) {
    long id =
        store
            .discover(NewCandidate.of(null, "https://img.example/" + urls.incrementAndGet()))
            .orElseThrow();
    db.update("UPDATE candidates SET state = ? WHERE id = ?", state, id);
    return id;
  }

  @ParameterizedTest(name = "{0} → {1} is allowed")
  @MethodSource("allowedMoves")
  void anAllowedMoveChangesTheStateOnceAndOnlyFromTheExpectedState(
      CandidateState from, CandidateState to) {
    long id = candidateIn(from);
    clock.advance(Duration.ofMinutes(1));

    assertThat(store.transition(id, from, to, CandidateChanges.reason("why: " + to))).isTrue();
    Candidate after = store.find(id).orElseThrow();
    assertThat(after.state()).isEqualTo(to);
    assertThat(after.reason()).isEqualTo("why: " + to);
    assertThat(after.stateChangedAt()).isEqualTo(clock.instant());

    // Replaying the same move (a second worker, a repeated event) finds it no longer in `from`.
    assertThat(store.transition(id, from, to)).isFalse();
    assertThat(store.find(id).orElseThrow().state()).isEqualTo(to);
  }

  @ParameterizedTest(name = "{0} → {1} is allowed but refused when the candidate is elsewhere")
  @MethodSource("allowedMoves")
  void anAllowedMoveFromTheWrongCurrentStateReportsFailureAndChangesNothing(
      CandidateState from, CandidateState to) {
    CandidateState elsewhere =
        from == CandidateState.FAILED ? CandidateState.DUPLICATE : CandidateState.FAILED;
    long id = candidateIn(elsewhere);

    assertThat(store.transition(id, from, to, CandidateChanges.reason("x"))).isFalse();
    Candidate after = store.find(id).orElseThrow();
    assertThat(after.state()).isEqualTo(elsewhere);
    assertThat(after.reason()).isNull();
  }

  @ParameterizedTest(name = "{0} → {1} is forbidden")
  @MethodSource("forbiddenMoves")
  void aForbiddenMoveIsRefusedAndTheRowIsUntouched(CandidateState from, CandidateState to) {
    long id = candidateIn(from);

    assertThatThrownBy(() -> store.transition(id, from, to))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining(from.name())
        .hasMessageContaining(to.name());
    assertThat(store.find(id).orElseThrow().state()).isEqualTo(from);
  }

  @Test
  void theArchitecturesPathsAreAllAllowed() {
    assertThat(CandidateState.DISCOVERED.next())
        .contains(CandidateState.DOWNLOADED, CandidateState.DUPLICATE, CandidateState.FAILED);
    assertThat(CandidateState.CLASSIFIED.next())
        .contains(CandidateState.QUEUED_FOR_REVIEW, CandidateState.BELOW_THRESHOLD);
    assertThat(CandidateState.IN_REVIEW.next())
        .contains(CandidateState.APPROVED, CandidateState.REJECTED);
    assertThat(CandidateState.APPROVED.next()).contains(CandidateState.PUBLISHING);
    assertThat(CandidateState.PUBLISHING.next())
        .contains(CandidateState.PUBLISHED, CandidateState.APPROVED);
    assertThat(CandidateState.PUBLISHING.isTransient()).isTrue();
    assertThat(CandidateState.FAILED.isTerminal()).isTrue();
    assertThat(CandidateState.DUPLICATE.isTerminal()).isTrue();
  }

  @Test
  void discoveringTheSameImageUrlTwiceKeepsOneCandidate() {
    NewCandidate c =
        new NewCandidate(
            null,
            "https://i.redd.it/same.jpg",
            "https://reddit.com/r/x/1",
            "alice",
            "A title",
            "t3_1");
    assertThat(store.discover(c)).isPresent();
    assertThat(store.discover(c)).isEmpty();
    assertThat(db.queryLong("SELECT COUNT(*) FROM candidates WHERE source_url = ?", c.sourceUrl()))
        .isEqualTo(1);
  }

  @Test
  void changesAreWrittenInTheSameUpdateAsTheState() {
    long id = candidateIn(CandidateState.CLASSIFIED);
    assertThat(
            store.transition(
                id,
                CandidateState.CLASSIFIED,
                CandidateState.QUEUED_FOR_REVIEW,
                CandidateChanges.none().scores(0.91, 0.02, "demo-1")))
        .isTrue();
    Candidate c = store.find(id).orElseThrow();
    assertThat(c.signalScore()).isEqualTo(0.91);
    assertThat(c.nsfwScore()).isEqualTo(0.02);
    assertThat(c.modelVersion()).isEqualTo("demo-1");
  }

  @Test
  void onlyCandidateColumnsCanBeSet() {
    assertThatThrownBy(() -> CandidateChanges.none().set("state", "APPROVED"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CandidateChanges.none().set("reason = 'x', state", "y"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
