package dev.nichebot.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nichebot.crawl.testing.TestImages;
import dev.nichebot.store.DataDirLock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code nichebot crawl [--once]} on a folder source. */
class CrawlCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void photos() throws Exception {
    Path photos = Files.createDirectories(dir.resolve("photos"));
    byte[] first = TestImages.jpeg(TestImages.scene(400, 300, 31));
    Files.write(photos.resolve("one.jpg"), first);
    Files.write(photos.resolve("one-copy.jpg"), first);
    Files.write(photos.resolve("two.png"), TestImages.png(TestImages.scene(300, 300, 32)));
    Files.writeString(photos.resolve("three.jpg"), "<html>404</html>");
    env.put("NICHEBOT_DATA_DIR", dir.resolve("data").toString());
    env.put("NICHEBOT_CRAWL_SOURCES", "folder:photos");
  }

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    CommandLine cli = Main.commandLine(new Main(env, dir));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void onceCrawlsAndDownloadsEverythingWithAProgressBarAndTheSecondRunFindsNothingNew() {
    assertThat(run("crawl", "--once")).isZero();

    assertThat(out.toString())
        .contains("crawl: 4 new image(s) from 1 source(s)")
        .contains("download: 2 downloaded, 1 duplicate, 1 failed")
        .contains("failed candidates by reason: {NOT_AN_IMAGE=1}");
    assertThat(err.toString()).contains("downloading [").contains("] 4/4");
    assertThat(dir.resolve("data/images")).isDirectory();

    assertThat(run("crawl", "--once")).isZero();
    assertThat(out.toString())
        .contains("crawl: 0 new image(s) from 1 source(s), 4 already known")
        .contains("download: nothing to download");

    assertThat(run("status")).isZero();
    assertThat(out.toString()).containsPattern("DOWNLOADED\\s+2").contains("NOT_AN_IMAGE");

    assertThat(run("crawl")).isZero();
    assertThat(out.toString())
        .contains("enabled", "folder:photos", "config", "waiting to download: 0");
  }

  @Test
  void refusesWhileTheBotRunsAndWhileCrawlingIsPaused() throws Exception {
    try (DataDirLock held = DataDirLock.acquire(dir.resolve("data"))) {
      assertThat(run("crawl", "--once")).isEqualTo(2);
    }
    assertThat(err.toString()).contains("another nichebot is already running");

    assertThat(run("db", "migrate")).isZero();
    try (var db =
        dev.nichebot.store.Database.open(
            dev.nichebot.config.ConfigLoader.defaults(
                    dir, Map.of("data.dir", dir.resolve("data").toString()))
                .store())) {
      new dev.nichebot.store.BotStateStore(db, java.time.Clock.systemUTC())
          .setPaused(dev.nichebot.domain.PauseSwitch.CRAWL, true, "test");
    }
    assertThat(run("crawl", "--once")).isEqualTo(1);
    assertThat(err.toString()).contains("crawling is paused");
  }
}
