package dev.nichebot.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nichebot.domain.CandidateState;
import dev.nichebot.domain.PauseSwitch;
import dev.nichebot.store.AuditLog;
import dev.nichebot.store.BotStateStore;
import dev.nichebot.store.CandidateStore;
import dev.nichebot.store.Database;
import dev.nichebot.testing.MutableClock;
import dev.nichebot.testing.TestCandidates;
import dev.nichebot.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dispatch, reactions, reminders, expiry and restart reconciliation, over a channel in memory. */
class DiscordReviewTest {
  static final String OK = "\u2705";
  static final String NO = "\u274C";
  static final long REVIEWER = 111;
  static final long REVIEWER_ROLE = 500;
  static final long ROLE_MEMBER = 222;
  static final long STRANGER = 999;

  @TempDir Path images;
  private final MutableClock clock = MutableClock.at("2026-12-01T10:00:00Z");
  private final Database db = TestDatabases.inMemory();
  private final CandidateStore candidates = new CandidateStore(db, clock);
  private final AuditLog audit = new AuditLog(db, clock);
  private final BotStateStore botState = new BotStateStore(db, clock);
  private final InMemoryReviewChannel channel = new InMemoryReviewChannel();
  private final ReviewPolicy policy =
      new ReviewPolicy(
          1, true, Duration.ofMinutes(10), 2, Duration.ofHours(12), Duration.ofDays(2));
  private ReviewService service;
  private ReviewDispatcher dispatcher;
  private DiscordReview discord;
  private TestCandidates make;

  @BeforeEach
  void wire() {
    service = new ReviewService(db, candidates, new VoteStore(db), audit, policy, clock);
    CardFactory cards = new CardFactory(db, images);
    dispatcher = new ReviewDispatcher(channel, candidates, cards, policy, clock);
    discord =
        new DiscordReview(
            channel,
            service,
            candidates,
            botState,
            audit,
            new ReviewerAccess(Set.of(REVIEWER), Set.of(REVIEWER_ROLE)),
            OK,
            NO,
            clock);
    make = new TestCandidates(db, candidates, images);
  }

  @AfterEach
  void close() {
    db.close();
  }

  private long messageOf(long candidateId) {
    return Long.parseLong(candidates.find(candidateId).orElseThrow().reviewMessageId());
  }

  private CandidateState state(long id) {
    return candidates.find(id).orElseThrow().state();
  }

  private ReactionChange added(long message, String emoji, long user, Set<Long> roles) {
    return new ReactionChange(
        message, user, roles, emoji, ReactionChange.Kind.ADDED, clock.instant());
  }

  @Test
  void atMostMaxPendingCardsAreSentHighestScoreFirstWithTheirImage() {
    long low = make.in(CandidateState.QUEUED_FOR_REVIEW, 0.2);
    long high = make.in(CandidateState.QUEUED_FOR_REVIEW, 0.9);
    long mid = make.in(CandidateState.QUEUED_FOR_REVIEW, 0.5);

    dispatcher.run();

    assertThat(channel.calls).containsExactly("post " + high, "post " + mid);
    assertThat(state(high)).isEqualTo(CandidateState.IN_REVIEW);
    assertThat(state(low)).isEqualTo(CandidateState.QUEUED_FOR_REVIEW);
    ReviewCard card = channel.posted.get(messageOf(high));
    assertThat(card.image().size()).isPositive();
    assertThat(card.signalScore()).isEqualTo(0.9);
    assertThat(card.credit().permalink()).contains("/comments/");

    dispatcher.run();
    assertThat(channel.calls).hasSize(2);
  }

  @Test
  void aReviewersReactionApprovesAndTheCardShowsTheOutcome() {
    long id = make.in(CandidateState.QUEUED_FOR_REVIEW, 0.9);
    dispatcher.run();
    long message = messageOf(id);

    discord.onReaction(added(message, OK, REVIEWER, Set.of()));

    assertThat(state(id)).isEqualTo(CandidateState.APPROVED);
    assertThat(channel.outcomes.get(message)).isEqualTo("APPROVED by [" + REVIEWER + "]");
  }

  @Test
  void aRoleMembersReactionCountsAStrangersIsRemovedLoggedAndChangesNothing() {
    long a = make.in(CandidateState.QUEUED_FOR_REVIEW, 0.9);
    long b = make.in(CandidateState.QUEUED_FOR_REVIEW, 0.8);
    dispatcher.run();

    discord.onReaction(added(messageOf(a), NO, STRANGER, Set.of(7L)));
    assertThat(state(a)).isEqualTo(CandidateState.IN_REVIEW);
    assertThat(channel.calls).contains("remove " + NO + " " + STRANGER);
    assertThat(audit.recent(5)).anySatisfy(e -> assertThat(e.action()).isEqualTo("refused vote"));
    assertThat(db.queryLong("SELECT COUNT(*) FROM review_decisions")).isZero();

    discord.onReaction(added(messageOf(b), NO, ROLE_MEMBER, Set.of(REVIEWER_ROLE)));
    assertThat(state(b)).isEqualTo(CandidateState.REJECTED);
  }

  @Test
  void removingTheReactionWithinTheUndoWindowReopensTheCard() {
    long id = make.in(CandidateState.QUEUED_FOR_REVIEW, 0.9);
    dispatcher.run();
    long message = messageOf(id);
    discord.onReaction(added(message, OK, REVIEWER, Set.of()));
    clock.advance(Duration.ofMinutes(3));

    discord.onReaction(
        new ReactionChange(
            message, REVIEWER, Set.of(), OK, ReactionChange.Kind.REMOVED, clock.instant()));

    assertThat(state(id)).isEqualTo(CandidateState.IN_REVIEW);
    assertThat(channel.calls).contains("reopened " + message);
  }

  @Test
  void votesCastWhileTheBotWasAwayAreCountedAtReconnection() {
    long id = make.in(CandidateState.QUEUED_FOR_REVIEW, 0.9);
    dispatcher.run();
    channel.react(messageOf(id), OK, REVIEWER, Set.of());
    channel.react(messageOf(id), OK, STRANGER, Set.of());

    discord.onGatewaySessionStarted();

    assertThat(state(id)).isEqualTo(CandidateState.APPROVED);
    assertThat(channel.calls).contains("remove " + OK + " " + STRANGER);
  }

  @Test
  void aCardPostedJustBeforeACrashIsAdoptedNotPostedAgain() {
    long id = make.in(CandidateState.QUEUED_FOR_REVIEW, 0.9);
    // The post reached Discord, but the process died before the database recorded it.
    long message =
        channel.post(new CardFactory(db, images).cardUnchecked(candidates.find(id).orElseThrow()));

    discord.recover();
    dispatcher.run();

    assertThat(state(id)).isEqualTo(CandidateState.IN_REVIEW);
    assertThat(messageOf(id)).isEqualTo(message);
    assertThat(channel.calls.stream().filter(c -> c.equals("post " + id))).hasSize(1);
  }

  @Test
  void longWaitingCardsGetOneReminderAndStaleOnesReturnToTheQueue() {
    long id = make.in(CandidateState.QUEUED_FOR_REVIEW, 0.9);
    dispatcher.run();

    clock.advance(Duration.ofHours(13));
    dispatcher.run();
    dispatcher.run();
    assertThat(channel.calls.stream().filter(c -> c.equals("remind " + id))).hasSize(1);

    clock.advance(Duration.ofDays(2));
    channel.connected = true;
    long message = messageOf(id);
    dispatcher.expireStale();
    assertThat(state(id)).isEqualTo(CandidateState.QUEUED_FOR_REVIEW);
    assertThat(candidates.find(id).orElseThrow().reviewMessageId()).isNull();
    assertThat(channel.outcomes.get(message)).startsWith("EXPIRED");
  }

  @Test
  void whileDiscordIsDownDispatchWaitsAndNothingIsLost() {
    long id = make.in(CandidateState.QUEUED_FOR_REVIEW, 0.9);
    channel.connected = false;
    assertThat(dispatcher.run().summary()).contains("waiting for Discord");
    channel.connected = true;
    channel.refusePosts = true;
    dispatcher.run();
    assertThat(state(id)).isEqualTo(CandidateState.QUEUED_FOR_REVIEW);
    channel.refusePosts = false;
    dispatcher.run();
    assertThat(state(id)).isEqualTo(CandidateState.IN_REVIEW);
  }

  @Test
  void aMissingImageFailsThatCandidateOnly() throws Exception {
    long gone = make.in(CandidateState.QUEUED_FOR_REVIEW, 0.9);
    long fine = make.in(CandidateState.QUEUED_FOR_REVIEW, 0.5);
    java.nio.file.Files.delete(
        new CardFactory(db, images).imageFile(candidates.find(gone).orElseThrow()).orElseThrow());

    dispatcher.run();

    assertThat(state(gone)).isEqualTo(CandidateState.FAILED);
    assertThat(candidates.find(gone).orElseThrow().reason()).startsWith("IMAGE_MISSING");
    assertThat(state(fine)).isEqualTo(CandidateState.IN_REVIEW);
  }

  @Test
  void slashCommandsAnswerReviewersOnly() {
    make.in(CandidateState.QUEUED_FOR_REVIEW, 0.9);
    Instant now = clock.instant();
    assertThat(
            discord.handle(
                new ReviewerCommand(ReviewerCommand.Name.QUEUE, STRANGER, Set.of(), now)))
        .contains("Only reviewers");
    assertThat(
            discord.handle(
                new ReviewerCommand(ReviewerCommand.Name.QUEUE, REVIEWER, Set.of(), now)))
        .contains("1 queued");
    assertThat(
            discord.handle(
                new ReviewerCommand(
                    ReviewerCommand.Name.PAUSE, ROLE_MEMBER, Set.of(REVIEWER_ROLE), now)))
        .contains("paused");
    assertThat(botState.isPaused(PauseSwitch.REVIEW)).isTrue();
    assertThat(
            discord.handle(
                new ReviewerCommand(ReviewerCommand.Name.RESUME, REVIEWER, Set.of(), now)))
        .contains("resumed");
    assertThat(botState.isPaused(PauseSwitch.REVIEW)).isFalse();
    assertThat(
            discord.handle(
                new ReviewerCommand(ReviewerCommand.Name.STATS, REVIEWER, Set.of(), now)))
        .contains("No votes");
  }
}
