package dev.nichebot.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nichebot.domain.CandidateState;
import dev.nichebot.domain.PauseSwitch;
import dev.nichebot.reddit.InboxItem;
import dev.nichebot.reddit.Moderator;
import dev.nichebot.reddit.RedditInbox;
import dev.nichebot.store.BotStateStore;
import dev.nichebot.store.Database;
import dev.nichebot.testing.RedditInboxPeer;
import dev.nichebot.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each message acts once, whatever fails in between: a crash after the effect and before marking
 * read, Reddit refusing to mark read, Reddit rate-limiting replies, a restart.
 */
class ExactlyOnceTest {
  @TempDir Path images;
  @TempDir Path dataDir;
  private ModerationKit k;

  @AfterEach
  void close() {
    if (k != null) {
      k.close();
    }
  }

  /** The simulated crash: the process dies right after the command's transaction committed. */
  static final class Crash extends Error {
    private static final long serialVersionUID = 1L;

    Crash() {
      super("simulated crash before marking read");
    }
  }

  /** The real client, except that the process "dies" when it is about to mark items read. */
  private static RedditInbox crashingOnMarkRead(RedditInbox real) {
    return new RedditInbox() {
      @Override
      public List<InboxItem> unread(int limit) {
        return real.unread(limit);
      }

      @Override
      public void markRead(Collection<String> fullnames) {
        throw new Crash();
      }

      @Override
      public InboxItem reply(String messageFullname, String markdown) {
        return real.reply(messageFullname, markdown);
      }

      @Override
      public void compose(String to, String subject, String markdown) {
        real.compose(to, subject, markdown);
      }

      @Override
      public List<Moderator> moderators(String subreddit) {
        return real.moderators(subreddit);
      }

      @Override
      public Optional<Moderator> moderator(String subreddit, String user) {
        return real.moderator(subreddit, user);
      }

      @Override
      public boolean isActiveAccount(String user) {
        return real.isActiveAccount(user);
      }
    };
  }

  @Test
  void theSameUnreadMessageServedAgainAfterACrashRunsOnce() {
    k = new ModerationKit(images);
    long approved = k.candidate(CandidateState.APPROVED);
    String skip = k.fromModerator("skip " + approved);
    String pause = k.fromModerator("pause publish");

    InboxProcessor doomed = k.processor(crashingOnMarkRead(k.client));
    assertThatThrownBy(doomed::run).isInstanceOf(Crash.class);
    // The effects are committed; Reddit still serves both messages as unread; no reply went out.
    assertThat(k.state(approved)).isEqualTo(CandidateState.SKIPPED);
    assertThat(k.botState.isPaused(PauseSwitch.PUBLISH)).isTrue();
    assertThat(k.reddit.unreadFullnames()).containsExactlyInAnyOrder(skip, pause);
    assertThat(k.reddit.replies()).isEmpty();

    // Meanwhile another moderator resumes publishing; replaying "pause publish" would undo that.
    k.botState.setPaused(PauseSwitch.PUBLISH, false, "u/Mod_Carol");

    k.restart();
    InboxRun again = k.run();

    assertThat(again.alreadyHandled()).isEqualTo(2);
    assertThat(again.commands()).isZero();
    assertThat(k.botState.isPaused(PauseSwitch.PUBLISH)).isFalse();
    assertThat(k.audited("skip")).hasSize(1);
    assertThat(k.audited("pause")).hasSize(1);
    assertThat(k.audited("skip.refused")).isEmpty();
    assertThat(k.reddit.unreadFullnames()).isEmpty();
    // The replies queued with the effects are sent now, once each.
    assertThat(k.reddit.replyTo(skip)).startsWith("Skipped candidate " + approved);
    assertThat(k.reddit.replyTo(pause)).startsWith("Paused publish.");

    k.run();
    assertThat(k.reddit.replies()).hasSize(2);
  }

  @Test
  void whenRedditCannotMarkReadTheMessageIsOnlyMarkedReadNextTime() {
    k = new ModerationKit(images);
    String threshold = k.fromModerator("threshold 0.4");
    k.reddit.nextReadAnswers(RedditInboxPeer.json(503, "{}"), RedditInboxPeer.json(503, "{}"));

    InboxRun first = k.run();
    assertThat(first.commands()).isEqualTo(1);
    assertThat(k.reddit.unreadFullnames()).containsExactly(threshold);

    k.botState.put(BotStateStore.THRESHOLD, "0.9", "u/Mod_Carol");
    InboxRun second = k.run();

    assertThat(second.alreadyHandled()).isEqualTo(1);
    assertThat(k.threshold()).contains("0.9");
    assertThat(k.audited("threshold")).hasSize(1);
    assertThat(k.reddit.replyTo(threshold)).startsWith("Threshold set to 0.4");
    assertThat(k.reddit.unreadFullnames()).isEmpty();
  }

  @Test
  void aRateLimitedReplyWaitsAsLongAsRedditSaysAndIsSentOnce() {
    k = new ModerationKit(images);
    String first = k.fromModerator("pause crawl");
    String second = k.fromModerator("pause review");
    k.reddit.nextReplyAnswers(
        RedditInboxPeer.json(
            200, RedditInboxPeer.recordedBody("synthetic/ratelimit_minutes.json")));

    InboxRun run = k.run();

    // Both commands took effect at once; only their replies wait.
    assertThat(k.botState.isPaused(PauseSwitch.CRAWL)).isTrue();
    assertThat(k.botState.isPaused(PauseSwitch.REVIEW)).isTrue();
    assertThat(run.repliesSent()).isZero();
    assertThat(run.repliesWaiting()).isEqualTo(2);
    assertThat(k.reddit.replies()).as("stops at the first RATELIMIT").hasSize(1);

    k.clock.advance(Duration.ofMinutes(5));
    k.run();
    assertThat(k.reddit.replies()).as("Reddit said 9 minutes").hasSize(1);

    k.clock.advance(Duration.ofMinutes(5));
    InboxRun later = k.run();
    assertThat(later.repliesSent()).isEqualTo(2);
    assertThat(later.repliesWaiting()).isZero();
    assertThat(k.reddit.replies()).hasSize(3);
    assertThat(k.reddit.replies().get(1).form().get("thing_id")).isEqualTo(first);
    assertThat(k.reddit.replies().get(2).form().get("thing_id")).isEqualTo(second);
    assertThat(k.audited("pause")).hasSize(2);
  }

  @Test
  void effectsSurviveARestartAndUndoStillWorksAfterIt() {
    Database db = TestDatabases.file(dataDir);
    k = new ModerationKit(images, db);
    long approved = k.candidate(CandidateState.APPROVED);
    String author = k.candidates.find(approved).orElseThrow().author();
    k.command("pause publish");
    k.command("threshold 0.72");
    k.command("source add reddit:aww");
    k.command("block user " + author);
    k.close();

    Database reopened = TestDatabases.file(dataDir);
    k = new ModerationKit(images, reopened);
    BotStateStore state = new BotStateStore(reopened, k.clock);
    assertThat(state.isPaused(PauseSwitch.PUBLISH)).isTrue();
    assertThat(state.get(BotStateStore.THRESHOLD)).contains("0.72");
    assertThat(
            reopened.queryLong(
                "SELECT COUNT(*) FROM sources WHERE spec = 'reddit:aww' AND enabled"))
        .isEqualTo(1);
    assertThat(
            reopened.queryLong(
                "SELECT COUNT(*) FROM blocklist WHERE kind = 'USER' AND block_value = ?", author))
        .isEqualTo(1);
    assertThat(k.state(approved)).isEqualTo(CandidateState.SKIPPED);

    assertThat(k.command("undo"))
        .contains("is not blocked any more. Back in the queue: " + approved);
    assertThat(k.state(approved)).isEqualTo(CandidateState.APPROVED);
    assertThat(reopened.queryLong("SELECT COUNT(*) FROM blocklist")).isZero();
  }
}
