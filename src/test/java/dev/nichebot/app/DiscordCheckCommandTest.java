package dev.nichebot.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nichebot.review.discord.fake.FakeDiscord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code nichebot discord-check} against the fake Discord on 127.0.0.1. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DiscordCheckCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final Map<String, String> env = new HashMap<>();
  private FakeDiscord fake;

  @BeforeEach
  void startFake() {
    fake = FakeDiscord.start();
    env.put("NICHEBOT_DATA_DIR", dir.resolve("data").toString());
    env.put("NICHEBOT_DISCORD_TOKEN", FakeDiscord.TOKEN);
    env.put("NICHEBOT_DISCORD_GUILD_ID", Long.toString(FakeDiscord.GUILD_ID));
    env.put("NICHEBOT_DISCORD_REVIEW_CHANNEL_ID", Long.toString(FakeDiscord.CHANNEL_ID));
    env.put("NICHEBOT_DISCORD_REVIEWER_ROLE_IDS", Long.toString(FakeDiscord.REVIEWER_ROLE_ID));
    env.put("NICHEBOT_DISCORD_REST_URL", fake.restBaseUrl());
    env.put("NICHEBOT_DISCORD_GATEWAY_URL", fake.gatewayUrl());
  }

  @AfterEach
  void stopFake() {
    if (fake == null) {
      return; // skipped: no shared fixtures
    }
    List<String> unhandled = fake.unhandled();
    fake.close();
    assertThat(unhandled).as("requests the fake had no route for").isEmpty();
  }

  private int run(String... args) {
    CommandLine cli = Main.commandLine(new Main(env, dir));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void aWorkingSetUpExitsZeroAndSaysSo() {
    assertThat(run("discord-check")).isZero();

    assertThat(out.toString())
        .contains("candidate-bot")
        .contains("Review Guild")
        .contains("#image-review")
        .contains("connected")
        .contains("all granted");
    assertThat(fake.calls("POST", "channels/.*")).isEmpty();
  }

  @Test
  void aMissingPermissionExitsOneAndNamesIt() throws Exception {
    fake.setEveryonePermissions(FakeDiscord.EVERYONE_PERMISSIONS & ~FakeDiscord.ATTACH_FILES);

    assertThat(run("discord-check", "--json")).isEqualTo(1);

    JsonNode report = new ObjectMapper().readTree(out.toString());
    assertThat(report.path("connected").asBoolean()).isTrue();
    assertThat(report.path("missingPermissions").get(0).asText()).isEqualTo("Attach Files");
  }

  @Test
  void aRefusedTokenExitsOneWithoutPrintingIt() {
    env.put("NICHEBOT_DISCORD_TOKEN", "not-the-right-token");

    assertThat(run("discord-check")).isEqualTo(1);

    assertThat(err.toString()).contains("refused the bot token").doesNotContain("not-the-right");
  }
}
