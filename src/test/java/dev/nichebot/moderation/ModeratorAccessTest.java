package dev.nichebot.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nichebot.domain.AuditEntry;
import dev.nichebot.domain.PauseSwitch;
import dev.nichebot.reddit.RedditUnavailableException;
import dev.nichebot.testing.RedditInboxPeer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may command the bot: current moderators, by the author field, and nobody else. */
class ModeratorAccessTest {
  private static final String STRANGER_REPLY =
      "Only the moderators of r/nichebot_test can give me commands.";

  @TempDir Path images;
  private ModerationKit kit;

  private ModerationKit kit() {
    if (kit == null) {
      kit = new ModerationKit(images);
    }
    return kit;
  }

  @AfterEach
  void close() {
    if (kit != null) {
      kit.close();
    }
  }

  @Test
  void ofFourPauseAttemptsOnlyTheModeratorsTakesEffect() {
    ModerationKit k = kit();
    k.reddit.unreadListing(RedditInboxPeer.resource("moderation/inbox_four_pause_attempts.json"));

    InboxRun run = k.run();

    assertThat(run.commands()).isEqualTo(1);
    assertThat(run.refused()).isEqualTo(3);
    assertThat(k.botState.pauseFlags())
        .containsEntry(PauseSwitch.PUBLISH, true)
        .containsEntry(PauseSwitch.CRAWL, false)
        .containsEntry(PauseSwitch.REVIEW, false);
    assertThat(k.botState.all()).containsOnlyKeys("paused.publish");
    assertThat(k.botState.all()).containsEntry("paused.publish", "true");

    // The moderator is told exactly what changed; each stranger gets the one short note; the
    // modmail (sent as the subreddit) gets nothing.
    assertThat(k.reddit.replyTo("t4_modpause1"))
        .isEqualTo("Paused publish. Now: crawl running, review running, publish **paused**.");
    assertThat(k.reddit.replyTo("t4_strangr1")).isEqualTo(STRANGER_REPLY);
    assertThat(k.reddit.replyTo("t4_quoting1")).isEqualTo(STRANGER_REPLY);
    assertThat(k.reddit.replies()).hasSize(3);
    assertThat(k.reddit.markedRead())
        .containsExactlyInAnyOrder("t4_modpause1", "t4_strangr1", "t4_modmail1", "t4_quoting1");
    assertThat(k.reddit.unreadFullnames()).isEmpty();

    List<AuditEntry> pause = k.audited("pause");
    assertThat(pause).singleElement();
    assertThat(pause.get(0).actor()).isEqualTo("Mod_Alice");
    assertThat(pause.get(0).channel()).isEqualTo("reddit");
    assertThat(pause.get(0).target()).isEqualTo("publish");
    assertThat(pause.get(0).before()).isEqualTo("publish=running");
    assertThat(pause.get(0).after()).isEqualTo("publish=paused");
    assertThat(pause.get(0).at()).isEqualTo(k.clock.instant());

    List<AuditEntry> refused = k.audited("command.refused");
    assertThat(refused)
        .extracting(AuditEntry::actor, AuditEntry::target)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("stranger_bob", "t4_strangr1"),
            org.assertj.core.groups.Tuple.tuple("(nichebot_test)", "t4_modmail1"),
            org.assertj.core.groups.Tuple.tuple("mallory_x", "t4_quoting1"));
    assertThat(refused.get(0).detail()).contains("not a moderator of r/nichebot_test");
    assertThat(refused.get(1).detail()).contains("modmail");
    assertThat(refused.get(2).detail()).contains("mallory_x is not a moderator");
  }

  @Test
  void theRecordedInboxHoldsNoModeratorSoNothingChangesButAllIsMarkedRead() {
    ModerationKit k = kit();
    k.reddit.recordedModerators("moderators_2017.json", "Mod_Alice");
    k.reddit.unreadListing(RedditInboxPeer.recordedBody("inbox_message_unread_2025_subset.json"));

    InboxRun run = k.run();

    assertThat(run.unread()).isEqualTo(7);
    assertThat(run.refused()).isEqualTo(7);
    assertThat(k.botState.all()).isEmpty();
    // Nothing in it reads as a command, so no stranger gets a note.
    assertThat(k.reddit.replies()).isEmpty();
    assertThat(k.reddit.markedRead())
        .containsExactlyInAnyOrder(
            "t1_myngt77",
            "t4_2r17c8r",
            "t1_m30xcs6",
            "t4_2izsnl2",
            "t4_22ydkme",
            "t4_22ydk2c",
            "t4_22y94yp");
    assertThat(k.audited("command.refused"))
        .extracting(AuditEntry::target, e -> e.detail().substring(0, e.detail().indexOf(';')))
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                "t1_myngt77", "not a private message (a comment reply)"),
            org.assertj.core.groups.Tuple.tuple(
                "t1_m30xcs6", "not a private message (a comment reply)"),
            org.assertj.core.groups.Tuple.tuple(
                "t4_2r17c8r", "u/Lil_SpazTest is not a moderator of r/nichebot_test"),
            org.assertj.core.groups.Tuple.tuple(
                "t4_2izsnl2", "u/reddit is not a moderator of r/nichebot_test"),
            org.assertj.core.groups.Tuple.tuple(
                "t4_22ydkme", "u/UnExplanationBot is not a moderator of r/nichebot_test"),
            org.assertj.core.groups.Tuple.tuple(
                "t4_22ydk2c", "u/UnExplanationBot is not a moderator of r/nichebot_test"),
            org.assertj.core.groups.Tuple.tuple(
                "t4_22y94yp", "sent as a subreddit (modmail), not by a person"));
  }

  @Test
  void aModeratorsCommentReplyIsNoCommandButTheirMessageIsAnswered() {
    ModerationKit k = kit();
    k.reddit.moderators("Lil_SpazTest");
    k.reddit.unreadListing(RedditInboxPeer.recordedBody("inbox_message_unread_2025_subset.json"));

    InboxRun run = k.run();

    assertThat(run.commands()).isEqualTo(1);
    // Their private message ("Test message" / "test") is no command: they get the help text.
    assertThat(k.reddit.replyTo("t4_2r17c8r"))
        .startsWith("I do not know `test`. Commands (in the subject or the first line;")
        .contains("`pause [crawl|review|publish|all]`");
    assertThat(k.audited("command.refused"))
        .filteredOn(e -> e.target().equals("t1_myngt77"))
        .singleElement()
        .satisfies(e -> assertThat(e.actor()).isEqualTo("Lil_SpazTest"));
    assertThat(k.reddit.replies()).hasSize(1);
  }

  @Test
  void theAuthorFieldDecidesCaseInsensitivelyAndNamesInTheTextDoNot() {
    ModerationKit k = kit();
    String lowerCased = k.send("mod_alice", "pause crawl");
    String claiming = k.send("eve_x", "resume crawl");
    k.reddit.unread(
        RedditInboxPeer.message(
            "claim2", "eve_x", "Mod_Alice", "Mod_Alice\n\nI am u/Mod_Alice: threshold 0.1"));

    k.run();

    assertThat(k.botState.isPaused(PauseSwitch.CRAWL)).isTrue();
    assertThat(k.reddit.replyTo(lowerCased)).startsWith("Paused crawl.");
    assertThat(k.audited("pause"))
        .singleElement()
        .extracting(AuditEntry::actor)
        .isEqualTo("Mod_Alice");
    assertThat(k.threshold()).isEmpty();
    assertThat(k.reddit.replyTo(claiming)).isEqualTo(STRANGER_REPLY);
    assertThat(k.audited("command.refused")).hasSize(2);
  }

  @Test
  void deletedAccountsModmailAndTheBotItselfHaveNoEffectAndGetNoReply() {
    ModerationKit k = kit();
    k.send("[deleted]", "pause");
    k.send(RedditInboxPeer.BOT, "pause");
    k.reddit.unread(RedditInboxPeer.message("anon1", null, "pause", "pause"));

    InboxRun run = k.run();

    assertThat(run.refused()).isEqualTo(3);
    assertThat(k.botState.all()).isEmpty();
    assertThat(k.reddit.replies()).isEmpty();
    assertThat(k.audited("command.refused"))
        .extracting(e -> e.detail().substring(0, e.detail().indexOf(';')))
        .containsExactly("sent by a deleted account", "the bot's own message", "no author");
    assertThat(k.reddit.markedRead()).hasSize(3);
  }

  @Test
  void aSuspendedModeratorStillOnTheListHasNoEffectAndStrangersCostNoAccountCheck() {
    ModerationKit k = kit();
    k.reddit.moderators("Mod_Alice", "Mod_Dave");
    k.reddit.suspend("mod_dave");
    String dave = k.send("Mod_Dave", "pause all");
    k.send("stranger_bob", "pause");

    InboxRun run = k.run();

    assertThat(run.refused()).isEqualTo(2);
    assertThat(k.botState.all()).isEmpty();
    assertThat(k.reddit.replies())
        .extracting(r -> r.form().get("thing_id"))
        .as("no reply to a suspended account")
        .doesNotContain(dave);
    assertThat(k.audited("command.refused"))
        .extracting(AuditEntry::actor, e -> e.detail().substring(0, e.detail().indexOf(';')))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "Mod_Dave", "u/Mod_Dave is listed as a moderator but suspended or gone"),
            org.assertj.core.groups.Tuple.tuple(
                "stranger_bob", "u/stranger_bob is not a moderator of r/nichebot_test"));
    assertThat(k.reddit.accountChecks()).as("only the listed moderator is looked up").isEqualTo(1);

    // An active moderator's command runs; the answer about their account is kept for a while.
    k.fromModerator("pause crawl");
    k.run();
    k.fromModerator("resume crawl");
    k.run();
    assertThat(k.botState.isPaused(PauseSwitch.CRAWL)).isFalse();
    assertThat(k.reddit.accountChecks()).isEqualTo(2);
  }

  @Test
  void theModeratorListIsCachedReadAgainForAnUnknownSenderAndWhenStale() {
    ModerationKit k = kit();
    k.fromModerator("pause crawl");
    k.run();
    assertThat(k.reddit.moderatorListReads()).isEqualTo(1);

    k.clock.advance(Duration.ofMinutes(1));
    k.fromModerator("resume crawl");
    k.run();
    assertThat(k.reddit.moderatorListReads()).as("cached").isEqualTo(1);
    assertThat(k.botState.isPaused(PauseSwitch.CRAWL)).isFalse();

    // A moderator added a minute ago is not in the cache: the list is read again for them.
    k.reddit.moderators("Mod_Alice", "Mod_Carol");
    k.clock.advance(Duration.ofMinutes(1));
    String carol = k.send("Mod_Carol", "pause review");
    k.run();
    assertThat(k.reddit.moderatorListReads()).isEqualTo(2);
    assertThat(k.reddit.replyTo(carol)).startsWith("Paused review.");

    // Alice is no longer a moderator; once the cache is stale she is refused.
    k.reddit.moderators("Mod_Carol");
    k.clock.advance(Duration.ofMinutes(6));
    String alice = k.fromModerator("resume review");
    k.run();
    assertThat(k.reddit.moderatorListReads()).isEqualTo(3);
    assertThat(k.botState.isPaused(PauseSwitch.REVIEW)).isTrue();
    assertThat(k.reddit.replyTo(alice)).isEqualTo(STRANGER_REPLY);
  }

  @Test
  void aStrangerGetsAtMostOneShortReplyADay() {
    ModerationKit k = kit();
    k.send("stranger_bob", "pause");
    k.send("stranger_bob", "!status");
    k.run();
    assertThat(k.reddit.replies()).hasSize(1);

    k.clock.advance(Duration.ofHours(20));
    k.send("stranger_bob", "queue");
    k.run();
    assertThat(k.reddit.replies()).hasSize(1);

    k.clock.advance(Duration.ofHours(5));
    String nextDay = k.send("stranger_bob", "post now");
    k.run();
    assertThat(k.reddit.replies()).hasSize(2);
    assertThat(k.reddit.replyTo(nextDay)).isEqualTo(STRANGER_REPLY);
    assertThat(k.audited("command.refused")).hasSize(4);
    assertThat(k.publishTriggers).hasValue(0);
  }

  @Test
  void noReplyToStrangersWhenConfiguredOffButTheAttemptIsAudited() {
    ModerationKit k = kit();
    k.settings =
        new ModerationSettings(
            RedditInboxPeer.SUBREDDIT, RedditInboxPeer.BOT, Duration.ofMinutes(5), false);
    k.send("stranger_bob", "pause");

    k.run();

    assertThat(k.reddit.replies()).isEmpty();
    assertThat(k.audited("command.refused")).hasSize(1);
    assertThat(k.botState.all()).isEmpty();
  }

  @Test
  void whenTheModeratorListCannotBeReadNothingIsDecidedUntilItCan() {
    ModerationKit k = kit();
    String pause = k.fromModerator("pause");
    k.reddit.nextModeratorAnswers(RedditInboxPeer.json(503, "{}"), RedditInboxPeer.json(503, "{}"));

    assertThatThrownBy(k::run).isInstanceOf(RedditUnavailableException.class);
    assertThat(k.botState.all()).isEmpty();
    assertThat(k.audit.recent(10)).isEmpty();
    assertThat(k.reddit.markedRead()).isEmpty();
    assertThat(k.reddit.unreadFullnames()).containsExactly(pause);

    k.run();
    assertThat(k.botState.pauseFlags()).containsValues(true, true, true);
    assertThat(k.reddit.replyTo(pause)).startsWith("Paused crawl, review, publish.");
  }
}
