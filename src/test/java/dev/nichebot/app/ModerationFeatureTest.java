package dev.nichebot.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nichebot.config.BotConfig;
import dev.nichebot.config.ConfigLoader;
import dev.nichebot.domain.CandidateState;
import dev.nichebot.domain.PauseSwitch;
import dev.nichebot.domain.Stage;
import dev.nichebot.schedule.StageDefinition;
import dev.nichebot.store.Database;
import dev.nichebot.testing.ChildBot;
import dev.nichebot.testing.RedditInboxPeer;
import dev.nichebot.testing.TestCandidates;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The INBOX stage as the bot wires it: from reddit.* configuration, on the bot's own stores. */
class ModerationFeatureTest {
  @TempDir Path dir;

  private Map<String, String> base() throws java.io.IOException {
    Map<String, String> c = new HashMap<>();
    c.put("data.dir", dir.resolve("data").toString());
    c.put("web.port", Integer.toString(ChildBot.freePort()));
    // Never on its own during the test: runs only when the test asks.
    c.put("moderation.cron", "0 0 0 1 1 ? 2099");
    return c;
  }

  @Test
  void withoutRedditCredentialsTheInboxStageSaysWhyItDoesNotRun() throws Exception {
    BotConfig config = ConfigLoader.defaults(dir, base());
    try (Database db = Database.open(config.store())) {
      db.migrate();
      Core core =
          Core.create(
              config, Clock.systemUTC(), db, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
      List<StageDefinition> stages = Features.stages(core, Features.create(core));
      StageDefinition inbox =
          stages.stream().filter(d -> d.stage() == Stage.INBOX).findFirst().orElseThrow();
      assertThat(inbox.task()).isEmpty();
      assertThat(inbox.whyNot()).contains("Reddit login").contains("reddit.subreddit");
    }
  }

  @Test
  void aModeratorsMessagePausesTheRunningBotAndPostNowAsksTheScheduler() throws Exception {
    try (RedditInboxPeer reddit = new RedditInboxPeer()) {
      Map<String, String> c = base();
      c.put("reddit.auth-url", reddit.authUrl());
      c.put("reddit.api-url", reddit.apiUrl());
      c.put("reddit.client-id", "peer-client");
      c.put("reddit.client-secret", "peer-secret");
      c.put("reddit.username", RedditInboxPeer.BOT);
      c.put("reddit.password", "peer-password");
      c.put("reddit.owner", "tester");
      c.put("reddit.subreddit", RedditInboxPeer.SUBREDDIT);
      BotConfig config = ConfigLoader.defaults(dir, c);
      Database db = Database.open(config.store());
      db.migrate();
      try (Bot bot = Bot.create(config, db, Clock.systemUTC())) {
        new TestCandidates(db, bot.core().candidates(), dir.resolve("images"))
            .in(CandidateState.APPROVED, 0.9);
        reddit.unread(
            RedditInboxPeer.message("feat1", "Mod_Alice", "pause crawl", "from the test"),
            RedditInboxPeer.message("feat2", "Mod_Alice", "post now", "from the test"),
            RedditInboxPeer.message("feat3", "someone_else", "resume crawl", "from the test"));
        bot.start();

        bot.scheduler().runNow(Stage.INBOX);

        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> reddit.unreadFullnames().isEmpty() && reddit.replies().size() == 3);
        assertThat(bot.core().botState().isPaused(PauseSwitch.CRAWL)).isTrue();
        assertThat(reddit.replyTo("t4_feat1")).startsWith("Paused crawl.");
        // The publish stage is another feature's; here no publish job is scheduled, and the
        // moderator is told that nothing was posted rather than told it was.
        assertThat(reddit.replyTo("t4_feat2"))
            .startsWith("Nothing posted: publishing cannot start now");
        assertThat(reddit.replyTo("t4_feat3"))
            .isEqualTo("Only the moderators of r/nichebot_test can give me commands.");
        assertThat(bot.core().audit().byAction("pause", 10))
            .singleElement()
            .satisfies(e -> assertThat(e.actor()).isEqualTo("Mod_Alice"));
      } finally {
        db.close();
      }
    }
  }
}
