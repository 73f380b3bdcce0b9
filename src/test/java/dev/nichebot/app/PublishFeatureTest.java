package dev.nichebot.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nichebot.config.BotConfig;
import dev.nichebot.config.ConfigLoader;
import dev.nichebot.domain.CandidateState;
import dev.nichebot.domain.Stage;
import dev.nichebot.store.CandidateStore;
import dev.nichebot.store.Database;
import dev.nichebot.testing.TestCandidates;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Publishing wired into the bot: the stage trigger ("post now") and the CLI, in a dry run. */
class PublishFeatureTest {
  @TempDir Path dir;

  private BotConfig config() {
    return ConfigLoader.defaults(
        dir,
        Map.of(
            "data.dir", dir.resolve("data").toString(),
            "web.port", "0",
            // No slot during the test: every post here is a "post now".
            "publish.cron", "0 0 3 1 1 ?"));
  }

  private static long approved(Database db, CandidateStore store, Path images) {
    long id = new TestCandidates(db, store, images).in(CandidateState.APPROVED, 0.8);
    db.update(
        "UPDATE images SET phash = ? WHERE id = (SELECT image_id FROM candidates WHERE id = ?)",
        id * 0x9E3779B97F4A7C15L,
        id);
    return id;
  }

  @Test
  void postNowThroughTheStageTriggerPostsOneOutsideASlotInADryRun() throws Exception {
    BotConfig config = config();
    assertThat(config.publish().dryRun()).as("dry run without Reddit credentials").isTrue();
    Database db = Database.open(config.store());
    db.migrate();
    Bot bot = Bot.create(config, db, Clock.systemUTC());
    try {
      CandidateStore store = bot.core().candidates();
      long first = approved(db, store, config.imagesDir());
      approved(db, store, config.imagesDir());
      bot.start();

      assertThat(bot.core().stageTrigger().runNow(Stage.PUBLISH)).isTrue();
      awaitPublished(store, 1);
      Thread.sleep(300);
      assertThat(store.count(CandidateState.PUBLISHED)).isEqualTo(1);
      assertThat(store.find(first).orElseThrow().state()).isEqualTo(CandidateState.PUBLISHED);
      assertThat(config.outboxDir().resolve("candidate-" + first + ".json")).exists();

      // Again at once: "post now" is not held back by the minimum gap.
      assertThat(bot.core().stageTrigger().runNow(Stage.PUBLISH)).isTrue();
      awaitPublished(store, 2);
      assertThat(store.count(CandidateState.APPROVED)).isZero();
    } finally {
      bot.close();
      db.close();
    }
  }

  private static void awaitPublished(CandidateStore store, long n) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (store.count(CandidateState.PUBLISHED) < n && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(store.count(CandidateState.PUBLISHED)).isEqualTo(n);
  }

  @Test
  void publishNowAndPostsOnTheCommandLine() throws Exception {
    BotConfig config = config();
    long id;
    try (Database db = Database.open(config.store())) {
      db.migrate();
      id = approved(db, new CandidateStore(db, Clock.systemUTC()), config.imagesDir());
    }
    Map<String, String> env = new HashMap<>();
    env.put("NICHEBOT_DATA_DIR", dir.resolve("data").toString());

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertThat(run(env, out, err, "publish", "--now")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("dry run", "candidate " + id);
    assertThat(Files.list(config.outboxDir()).map(p -> p.getFileName().toString()))
        .contains("candidate-" + id + ".json", "candidate-" + id + ".png");

    out.getBuffer().setLength(0);
    assertThat(run(env, out, err, "posts")).isZero();
    assertThat(out.toString()).contains("1 posts", "[dry run]", "candidate " + id);

    out.getBuffer().setLength(0);
    assertThat(run(env, out, err, "publish", "--now")).isEqualTo(1);
    assertThat(out.toString()).contains("no approved candidate");
  }

  private int run(Map<String, String> env, StringWriter out, StringWriter err, String... args) {
    CommandLine cli = Main.commandLine(new Main(env, dir));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }
}
