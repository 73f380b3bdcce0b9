package dev.nichebot.app;

import static dev.nichebot.review.discord.fake.FakeDiscord.CHANNEL_ID;
import static dev.nichebot.review.discord.fake.FakeDiscord.GUILD_ID;
import static dev.nichebot.review.discord.fake.FakeDiscord.REVIEWER_ID;
import static dev.nichebot.review.discord.fake.FakeDiscord.REVIEWER_ROLE_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nichebot.config.BotConfig;
import dev.nichebot.config.ConfigLoader;
import dev.nichebot.domain.CandidateState;
import dev.nichebot.domain.Stage;
import dev.nichebot.review.discord.fake.FakeDiscord;
import dev.nichebot.review.discord.fake.FakeMessage;
import dev.nichebot.store.Database;
import dev.nichebot.testing.TestCandidates;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The running bot, wired by {@link Features}: in Discord mode its REVIEW stage posts queued
 * candidates to the (fake) Discord channel and a reviewer's reaction approves one; in web mode the
 * same stage only reports how many wait for the page.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReviewWiringTest {
  @TempDir Path dir;

  private BotConfig config(Map<String, String> extra) {
    Map<String, String> keys = new HashMap<>(extra);
    keys.put("data.dir", dir.resolve("data").toString());
    keys.put("web.port", "0");
    return ConfigLoader.defaults(dir, keys);
  }

  @Test
  void discordModeSendsQueuedCandidatesToTheChannelAndAReactionApprovesOne() throws Exception {
    try (FakeDiscord fake = FakeDiscord.start()) {
      BotConfig config =
          config(
              Map.of(
                  "discord.token", FakeDiscord.TOKEN,
                  "discord.guild-id", Long.toString(GUILD_ID),
                  "discord.review-channel-id", Long.toString(CHANNEL_ID),
                  "discord.reviewer-role-ids", Long.toString(REVIEWER_ROLE_ID),
                  "discord.rest-url", fake.restBaseUrl(),
                  "discord.gateway-url", fake.gatewayUrl()));
      assertThat(config.review().mode()).isEqualTo(BotConfig.ReviewMode.DISCORD);
      Database db = Database.open(config.store());
      db.migrate();
      try (Bot bot = Bot.create(config, db, Clock.systemUTC())) {
        TestCandidates make = new TestCandidates(db, bot.core().candidates(), config.imagesDir());
        long best = make.in(CandidateState.QUEUED_FOR_REVIEW, 0.93);
        long other = make.in(CandidateState.QUEUED_FOR_REVIEW, 0.41);
        bot.start();

        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> {
                  bot.core().stageTrigger().runNow(Stage.REVIEW);
                  return fake.messages().size() >= 2;
                });
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> state(bot, best) == CandidateState.IN_REVIEW);
        List<FakeMessage> cards = fake.messages();
        long messageOfBest =
            Long.parseLong(bot.core().candidates().find(best).orElseThrow().reviewMessageId());

        fake.addReaction(messageOfBest, REVIEWER_ID, "\u2705");
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> state(bot, best) == CandidateState.APPROVED);
        assertThat(state(bot, other)).isEqualTo(CandidateState.IN_REVIEW);
        assertThat(cards).hasSizeGreaterThanOrEqualTo(2);
        assertThat(fake.unhandled()).isEmpty();
      }
    }
  }

  @Test
  void webModeLeavesCandidatesQueuedForThePage() throws Exception {
    BotConfig config = config(Map.of());
    assertThat(config.review().mode()).isEqualTo(BotConfig.ReviewMode.WEB);
    Database db = Database.open(config.store());
    db.migrate();
    try (Bot bot = Bot.create(config, db, Clock.systemUTC())) {
      long id =
          new TestCandidates(db, bot.core().candidates(), config.imagesDir())
              .in(CandidateState.QUEUED_FOR_REVIEW, 0.7);
      bot.start();
      assertThat(bot.core().stageTrigger().runNow(Stage.REVIEW)).isTrue();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  db
                      .query(
                          "SELECT detail FROM job_runs WHERE finished_at IS NOT NULL",
                          rs -> rs.getString(1))
                      .stream()
                      .anyMatch(s -> s.contains("1 waiting on the review page")));
      assertThat(state(bot, id)).isEqualTo(CandidateState.QUEUED_FOR_REVIEW);
    }
  }

  private static CandidateState state(Bot bot, long id) {
    return bot.core().candidates().find(id).orElseThrow().state();
  }
}
