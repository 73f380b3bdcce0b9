package dev.nichebot.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nichebot.config.ConfigKey;
import dev.nichebot.domain.CandidateState;
import dev.nichebot.store.CandidateStore;
import dev.nichebot.store.Database;
import dev.nichebot.testing.ChildBot;
import dev.nichebot.testing.TestCandidates;
import dev.nichebot.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code nichebot publish --now} as a real child JVM, killed with {@code kill -9} at points between
 * choosing and recording, then run again: the Reddit peer holds exactly one post every time and the
 * database says where it is.
 */
class PublishKill9Test {
  /** Where the bot dies. */
  enum KillPoint {
    /** PUBLISHING is committed, the submit is on the wire, Reddit has not accepted it. */
    BEFORE_REDDIT_ACCEPTS,
    /** Reddit accepted the post; the bot never heard the answer. */
    AFTER_REDDIT_ACCEPTED,
    /** The answer was sent; the bot dies while (or just before) recording it. */
    AFTER_THE_ANSWER
  }

  @TempDir Path dir;
  private RedditPeer peer;

  @BeforeEach
  void setUp() {
    peer = new RedditPeer();
  }

  @AfterEach
  void tearDown() {
    // Null when the peer's assumption skipped the test (no shared fixtures).
    if (peer != null) {
      peer.close();
    }
  }

  private Database connect() {
    // The bot's default URL (WRITE_DELAY=0: a commit is on disk before the next step).
    Database db =
        Database.open(
            TestDatabases.store(
                "jdbc:h2:async:"
                    + dir.resolve("data").resolve("nichebot").toAbsolutePath()
                    + ";AUTO_SERVER=TRUE;WRITE_DELAY=0"));
    db.migrate();
    return db;
  }

  private ChildBot child() throws Exception {
    ChildBot bot = new ChildBot(dir, "publish", "--now");
    env(bot, "reddit.auth-url", peer.server.url("/").toString());
    env(bot, "reddit.api-url", peer.server.url("/").toString());
    env(bot, "reddit.client-id", "client-id-1");
    env(bot, "reddit.client-secret", "client-secret-1");
    env(bot, "reddit.username", RedditPeer.USER);
    env(bot, "reddit.password", "password-1");
    env(bot, "reddit.owner", RedditPeer.USER);
    env(bot, "reddit.subreddit", RedditPeer.SUB);
    env(bot, "reddit.max-retries", "0");
    env(bot, "publish.dry-run", "false");
    return bot;
  }

  private static void env(ChildBot bot, String key, String value) {
    bot.env(ConfigKey.environmentVariable(key), value);
  }

  @ParameterizedTest
  @EnumSource(KillPoint.class)
  void killedAnywhereBetweenChoosingAndRecordingTheBotPostsExactlyOnce(KillPoint point)
      throws Exception {
    long id;
    try (Database db = connect()) {
      CandidateStore store = new CandidateStore(db, Clock.systemUTC());
      id =
          new TestCandidates(db, store, dir.resolve("data").resolve("images"))
              .in(CandidateState.APPROVED, 0.9);
    }
    try (ChildBot bot = child()) {
      CountDownLatch killed = new CountDownLatch(1);
      Runnable kill =
          () -> {
            try {
              bot.kill9();
            } catch (Exception e) {
              throw new IllegalStateException(e);
            } finally {
              killed.countDown();
            }
          };
      switch (point) {
        case BEFORE_REDDIT_ACCEPTS ->
            peer.onSubmit =
                () -> {
                  kill.run();
                  return false; // Reddit never got to accept it
                };
        case AFTER_REDDIT_ACCEPTED -> peer.onAccepted = kill;
        case AFTER_THE_ANSWER -> peer.onAccepted = () -> new Thread(kill, "killer").start();
      }
      bot.start();
      assertThat(killed.await(60, TimeUnit.SECONDS)).as(bot.output()).isTrue();
      bot.awaitExit(Duration.ofSeconds(10));
      String firstLog = bot.output();
      String stateAfterKill;
      try (Database db = connect()) {
        stateAfterKill =
            new CandidateStore(db, Clock.systemUTC()).find(id).orElseThrow().state().name();
      }
      peer.onSubmit = () -> true;
      peer.onAccepted = () -> {};

      // Restarted: reconcile first, then post what is still to post.
      bot.start();
      bot.awaitExit(Duration.ofSeconds(60));
      String log =
          "first run:\n"
              + firstLog
              + "\nafter the kill: "
              + stateAfterKill
              + "\nrestart:\n"
              + bot.output();

      assertThat(peer.posts).as(log).hasSize(1);
      try (Database db = connect()) {
        CandidateStore store = new CandidateStore(db, Clock.systemUTC());
        assertThat(store.find(id).orElseThrow().state())
            .as(log)
            .isEqualTo(CandidateState.PUBLISHED);
        List<Post> posts = new PostHistory(db).forCandidate(id);
        assertThat(posts).hasSize(1);
        assertThat(posts.get(0).redditId()).isEqualTo("t3_" + peer.posts.get(0).get("_id"));
      }
    }
  }
}
