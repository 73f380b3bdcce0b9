package dev.nichebot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  private LoadedConfig load(String properties, Map<String, String> env) throws IOException {
    Path file = dir.resolve("bot.properties");
    Files.writeString(file, properties, StandardCharsets.UTF_8);
    return ConfigLoader.load(Optional.of(file), dir, env);
  }

  private List<ConfigProblem> problems(String properties, Map<String, String> env) {
    try {
      load(properties, env);
    } catch (ConfigException e) {
      return e.problems();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    throw new AssertionError("expected the configuration to be refused");
  }

  @Test
  void withoutAnyFileTheDefaultsMakeAWorkingEmbeddedConfiguration() {
    BotConfig c = ConfigLoader.load(Optional.empty(), dir, Map.of()).config();

    assertThat(c.store().url()).startsWith("jdbc:h2:async:").contains(dir.toString());
    assertThat(c.web().port()).isEqualTo(8080);
    assertThat(c.web().bind()).isEqualTo("127.0.0.1");
    assertThat(c.reddit().authUrl()).hasToString("https://www.reddit.com");
    assertThat(c.reddit().apiUrl()).hasToString("https://oauth.reddit.com");
    assertThat(c.discord().restUrl().toString()).startsWith("https://discord.com/api");
    assertThat(c.discord().gatewayUrl().getScheme()).isEqualTo("wss");
    assertThat(c.publish().dryRun()).as("no Reddit credentials: dry run").isTrue();
    assertThat(c.review().mode())
        .as("no Discord token: web review")
        .isEqualTo(BotConfig.ReviewMode.WEB);
    assertThat(c.crawl().maxBytes()).isEqualTo(20L << 20);
    assertThat(c.crawl().maxPixels()).isEqualTo(50_000_000L);
    assertThat(c.review().undoWindow()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void botPropertiesInTheWorkingDirectoryIsReadWhenPresent() throws IOException {
    Files.writeString(dir.resolve("bot.properties"), "web.port=9191\n");
    BotConfig c = ConfigLoader.load(Optional.empty(), dir, Map.of()).config();
    assertThat(c.web().port()).isEqualTo(9191);
  }

  @Test
  void fileValuesAreTypedAndEnvironmentOverridesWin() throws IOException {
    LoadedConfig loaded =
        load(
            """
            web.port=9000
            crawl.max-bytes=5MB
            crawl.per-host-delay=1500ms
            review.expire-after=1d12h
            crawl.sources=reddit:pics/top, folder:/tmp/x ,feed:https://example.org/rss
            discord.reviewer-user-ids=123,456
            """,
            Map.of(
                "NICHEBOT_WEB_PORT", "9001",
                "NICHEBOT_CRAWL_MAX_REDIRECTS", "2",
                "PATH", "/usr/bin"));
    BotConfig c = loaded.config();

    assertThat(c.web().port()).isEqualTo(9001);
    assertThat(c.crawl().maxRedirects()).isEqualTo(2);
    assertThat(c.crawl().maxBytes()).isEqualTo(5L << 20);
    assertThat(c.crawl().perHostDelay()).isEqualTo(Duration.ofMillis(1500));
    assertThat(c.review().expireAfter()).isEqualTo(Duration.ofHours(36));
    assertThat(c.crawl().sources())
        .containsExactly("reddit:pics/top", "folder:/tmp/x", "feed:https://example.org/rss");
    assertThat(c.discord().reviewerUserIds()).containsExactly("123", "456");
    assertThat(loaded.origin().get("web.port")).isEqualTo("environment NICHEBOT_WEB_PORT");
    assertThat(loaded.origin().get("crawl.max-bytes")).endsWith("bot.properties");
    assertThat(loaded.origin().get("publish.cron")).isEqualTo("default");
  }

  @Test
  void everyProblemIsReportedAtOnceNamingKeyValueAndExpectation() {
    List<ConfigProblem> problems =
        problems(
            """
            web.port=eighty
            crawl.cron=every five minutes
            review.undo-window=10 minutes
            classify.threshold=1.7
            review.mode=slack
            """,
            Map.of());

    assertThat(problems)
        .extracting(ConfigProblem::key)
        .containsExactlyInAnyOrder(
            "web.port", "crawl.cron", "review.undo-window", "classify.threshold", "review.mode");
    ConfigProblem port =
        problems.stream().filter(p -> p.key().equals("web.port")).findFirst().get();
    assertThat(port.value()).isEqualTo("eighty");
    assertThat(port.describe()).contains("web.port", "eighty", "whole number from 0 to 65535");
    assertThat(
            problems.stream()
                .filter(p -> p.key().equals("crawl.cron"))
                .findFirst()
                .get()
                .expected())
        .contains("Quartz cron expression");
  }

  @Test
  void anUnknownKeyIsRefusedWithTheNearestKnownKeySuggested() {
    List<ConfigProblem> problems = problems("reddit.clientid=abc\nweb.prot=80\n", Map.of());

    assertThat(problems).hasSize(2);
    assertThat(problems.get(0).describe())
        .contains("reddit.clientid", "did you mean reddit.client-id?");
    assertThat(problems.get(1).describe()).contains("web.prot", "did you mean web.port?");
  }

  @Test
  void anUnknownEnvironmentVariableIsRefusedWithASuggestion() {
    List<ConfigProblem> problems = problems("", Map.of("NICHEBOT_WEB_PROT", "80"));
    assertThat(problems.get(0).describe())
        .contains("NICHEBOT_WEB_PROT", "did you mean NICHEBOT_WEB_PORT?");
  }

  @Test
  void anExplicitConfigFileThatDoesNotExistIsAProblem() {
    assertThatThrownBy(
            () -> ConfigLoader.load(Optional.of(dir.resolve("nope.properties")), dir, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("nope.properties")
        .hasMessageContaining("no such file");
  }

  @Test
  void secretsArePrintedAsStarsEverywhere() throws IOException {
    LoadedConfig loaded =
        load(
            """
            reddit.client-id=id123
            reddit.client-secret=verysecretclientvalue
            reddit.username=nichebot
            reddit.password=hunter2hunter2
            reddit.owner=someone
            reddit.subreddit=pics
            discord.token=discord-token-value
            discord.guild-id=1
            discord.review-channel-id=2
            discord.reviewer-user-ids=3
            """,
            Map.of("NICHEBOT_STORE_PASSWORD", "dbpassword"));

    String described = String.join("\n", loaded.describe());
    String records = loaded.config().toString();
    for (String secret :
        List.of("verysecretclientvalue", "hunter2hunter2", "discord-token-value", "dbpassword")) {
      assertThat(described).doesNotContain(secret);
      assertThat(records).doesNotContain(secret);
    }
    assertThat(described).contains("reddit.client-secret = ***");
    assertThat(loaded.config().reddit().clientSecret().reveal()).isEqualTo("verysecretclientvalue");
    assertThat(loaded.config().publish().dryRun())
        .as("credentials present: real posting")
        .isFalse();
  }

  @Test
  void aSecretInABadValueIsNotEchoedInTheProblem() {
    // A secret key cannot be malformed, but a refused configuration must not print it either.
    List<ConfigProblem> problems =
        problems("reddit.client-secret=topsecretvalue\nweb.port=x\n", Map.of());
    assertThat(problems.toString()).doesNotContain("topsecretvalue");
  }

  @Test
  void partialRedditCredentialsNameWhatIsMissing() {
    List<ConfigProblem> problems = problems("reddit.client-id=abc\n", Map.of());
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).describe())
        .contains("reddit.client-secret", "reddit.username", "reddit.password");
  }

  @Test
  void discordReviewNeedsTokenGuildChannelAndReviewers() {
    List<ConfigProblem> problems = problems("review.mode=discord\n", Map.of());
    assertThat(problems)
        .extracting(ConfigProblem::key)
        .containsExactlyInAnyOrder(
            "discord.token",
            "discord.guild-id",
            "discord.review-channel-id",
            "discord.reviewer-role-ids");
  }

  @Test
  void aDiscordTokenSwitchesAutoReviewToDiscord() throws IOException {
    BotConfig c =
        load(
                "discord.token=t\ndiscord.guild-id=1\ndiscord.review-channel-id=2\n"
                    + "discord.reviewer-role-ids=3\n",
                Map.of())
            .config();
    assertThat(c.review().mode()).isEqualTo(BotConfig.ReviewMode.DISCORD);
  }

  @Test
  void postingForRealWithoutCredentialsIsRefused() {
    assertThat(problems("publish.dry-run=false\n", Map.of()))
        .extracting(ConfigProblem::key)
        .containsExactly("publish.dry-run");
  }

  @Test
  void malformedSourcesAndStoreUrlsAreRefused() {
    List<ConfigProblem> problems =
        problems("crawl.sources=reddit:pics,ftp://x\nstore.url=jdbc:mysql://x/db\n", Map.of());
    assertThat(problems)
        .extracting(ConfigProblem::key)
        .containsExactly("store.url", "crawl.sources");
    assertThat(problems.get(1).value()).isEqualTo("ftp://x");
  }

  @Test
  void subredditPrefixesAreStripped() throws IOException {
    assertThat(
            load("reddit.subreddit=/r/SleevesHidingHands\n", Map.of())
                .config()
                .reddit()
                .subreddit())
        .isEqualTo("SleevesHidingHands");
  }

  @Test
  void anEmptyThresholdMeansTheModelsOwn() throws IOException {
    assertThat(load("", Map.of()).config().classify().threshold()).isEmpty();
    assertThat(load("classify.threshold=0.35\n", Map.of()).config().classify().threshold())
        .hasValue(0.35);
  }

  @Test
  void emojiDefaultsSurviveTheRoundTripThroughTheExampleFile() throws IOException {
    BotConfig c = load(ConfigExample.render(), Map.of()).config();
    assertThat(c.discord().approveEmoji()).isEqualTo("\u2705");
    assertThat(c.discord().rejectEmoji()).isEqualTo("\u274C");
  }
}
