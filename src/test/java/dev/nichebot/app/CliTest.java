package dev.nichebot.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nichebot.store.DataDirLock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final Map<String, String> env = new HashMap<>();

  private int run(String... args) {
    env.putIfAbsent("NICHEBOT_DATA_DIR", dir.resolve("data").toString());
    CommandLine cli = Main.commandLine(new Main(env, dir));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void versionAndHelp() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString()).contains("nichebot ");
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("run", "status", "db", "config");
  }

  @Test
  void aMalformedConfigurationExitsWith2NamingEveryCauseAndWritesNothing() throws Exception {
    Files.writeString(
        dir.resolve("bot.properties"), "web.port=eighty\ncrawl.cron=* * *\nwebport=1\n");

    assertThat(run("run")).isEqualTo(2);

    assertThat(err.toString())
        .contains("3 configuration problems")
        .contains("web.port = 'eighty'")
        .contains("crawl.cron")
        .contains("did you mean web.port?");
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void anUnreachableDatabaseExitsWith2AndWritesNothing() {
    env.put("NICHEBOT_STORE_URL", "jdbc:postgresql://127.0.0.1:1/nichebot");
    env.put("NICHEBOT_STORE_CONNECT_TIMEOUT", "1s");
    assertThat(run("run")).isEqualTo(2);
    assertThat(err.toString()).contains("cannot be reached");
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void aDataDirectoryHeldByAnotherRunningBotExitsWith2() throws Exception {
    try (DataDirLock held = DataDirLock.acquire(dir.resolve("data"))) {
      assertThat(run("run")).isEqualTo(2);
    }
    assertThat(err.toString()).contains("another nichebot is already running");
  }

  @Test
  void statusPrintsATableOrOneJsonObject() throws Exception {
    assertThat(run("db", "migrate")).isZero();
    assertThat(run("status")).isZero();
    assertThat(out.toString()).contains("Candidates", "Paused", "crawl", "not scheduled");

    out.getBuffer().setLength(0);
    assertThat(run("status", "--json")).isZero();
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.at("/candidates/DISCOVERED").asLong()).isZero();
    assertThat(json.at("/paused/PUBLISH").asBoolean()).isFalse();
    assertThat(json.get("jobs")).hasSize(6);
  }

  @Test
  void configShowsWhereEachValueCameFromWithSecretsMasked() throws Exception {
    Files.writeString(dir.resolve("bot.properties"), "store.password=db-password-123\n");
    env.put("NICHEBOT_WEB_PORT", "9999");
    assertThat(run("config")).isZero();
    assertThat(out.toString())
        .contains("web.port = 9999    (environment NICHEBOT_WEB_PORT)")
        .contains("store.password = ***")
        .doesNotContain("db-password-123");
  }
}
