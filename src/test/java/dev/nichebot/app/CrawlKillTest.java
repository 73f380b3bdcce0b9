package dev.nichebot.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nichebot.crawl.storage.Sha256;
import dev.nichebot.crawl.testing.TestImages;
import dev.nichebot.domain.CandidateState;
import dev.nichebot.store.Database;
import dev.nichebot.testing.ChildBot;
import dev.nichebot.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nichebot crawl --once} killed with -9 in the middle of downloading, then run again: every
 * picture ends up once, every stored row names a whole file, no candidate is lost or doubled.
 */
class CrawlKillTest {
  private static final int PICTURES = 60;
  private static final int COPIES = 10;

  @TempDir Path dir;

  private Database connect() {
    return Database.open(
        TestDatabases.store(
            "jdbc:h2:async:"
                + dir.resolve("data").resolve("nichebot").toAbsolutePath()
                + ";AUTO_SERVER=TRUE;WRITE_DELAY=0"));
  }

  @Test
  void aKillMidDownloadLosesNothingAndTheNextRunFinishes() throws Exception {
    Path photos = Files.createDirectories(dir.resolve("photos"));
    for (int i = 0; i < PICTURES; i++) {
      byte[] jpeg = TestImages.jpeg(TestImages.scene(900, 700, 1000 + i));
      Files.write(photos.resolve(String.format("p%03d.jpg", i)), jpeg);
      if (i < COPIES) {
        Files.write(photos.resolve(String.format("p%03d-copy.jpg", i)), jpeg);
      }
    }
    try (ChildBot crawl = new ChildBot(dir, "crawl", "--once")) {
      crawl.env("NICHEBOT_CRAWL_SOURCES", "folder:photos").env("NICHEBOT_CRAWL_CONCURRENCY", "2");
      crawl.start();
      long downloaded = 0;
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (downloaded < 3 && System.nanoTime() < deadline) {
        Thread.sleep(50);
        if (Files.exists(dir.resolve("data/nichebot.mv.db"))) {
          try (Database db = connect()) {
            downloaded =
                db.queryLong(
                    "SELECT COUNT(*) FROM candidates WHERE state <> ?", CandidateState.DISCOVERED);
          } catch (RuntimeException e) {
            // not migrated yet
          }
        }
      }
      crawl.kill9();
      assertThat(downloaded).as(crawl.output()).isGreaterThanOrEqualTo(3);

      crawl.start();
      assertThat(crawl.awaitExit(Duration.ofSeconds(120))).as(crawl.output()).isZero();
    }
    try (Database db = TestDatabases.file(dir.resolve("data"))) {
      assertThat(db.queryLong("SELECT COUNT(*) FROM candidates")).isEqualTo(PICTURES + COPIES);
      long stored = db.queryLong("SELECT COUNT(*) FROM candidates WHERE state = 'DOWNLOADED'");
      // Of each copied pair one is stored and one is its duplicate; every picture ends one way (two
      // rendered scenes may be near enough).
      assertThat(stored + db.queryLong("SELECT COUNT(*) FROM candidates WHERE state = 'DUPLICATE'"))
          .isEqualTo(PICTURES + COPIES);
      assertThat(stored).isGreaterThan(PICTURES - 3L);
      assertThat(
              db.queryLong(
                  "SELECT COUNT(*) FROM candidates WHERE state = 'DUPLICATE' AND (source_url LIKE"
                      + " '%-copy.jpg' OR source_url LIKE '%/p00_.jpg')"))
          .isEqualTo(COPIES);
      List<String[]> rows =
          db.query(
              "SELECT sha256, path FROM images",
              rs -> new String[] {rs.getString(1), rs.getString(2)});
      assertThat(rows).hasSize((int) stored);
      for (String[] row : rows) {
        Path file = dir.resolve("data/images").resolve(row[1]);
        assertThat(Sha256.of(Files.readAllBytes(file))).isEqualTo(row[0]);
      }
    }
  }
}
