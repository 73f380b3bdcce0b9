package dev.nichebot.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nichebot.config.BotConfig;
import dev.nichebot.config.ConfigLoader;
import dev.nichebot.domain.NewCandidate;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shutdown and Quartz interrupt threads that may be writing. With H2's plain file system an
 * interrupt closes the file channel and with it the database for everyone; the default store must
 * shrug it off and keep every committed row.
 */
class InterruptedWriterTest {
  @TempDir Path dir;

  @Test
  void interruptingAWriterLeavesTheDefaultDatabaseOpenAndItsRowsIntact() throws Exception {
    BotConfig config =
        ConfigLoader.defaults(dir, Map.of("data.dir", dir.resolve("data").toString()));
    try (Database db = Database.open(config.store())) {
      db.migrate();
      CandidateStore candidates = new CandidateStore(db, Clock.systemUTC());
      AtomicLong written = new AtomicLong();
      Thread writer =
          new Thread(
              () -> {
                for (int i = 0; i < 1_000_000 && written.get() < 50_000; i++) {
                  try {
                    candidates.discover(NewCandidate.of(null, "https://i.example/" + i + ".jpg"));
                    written.incrementAndGet();
                  } catch (RuntimeException e) {
                    // an interrupted statement may fail; the database must not
                  }
                }
              });
      writer.start();
      while (written.get() < 300) {
        Thread.sleep(5);
      }
      for (int i = 0; i < 20; i++) {
        writer.interrupt();
        Thread.sleep(2);
      }
      writer.join(60_000);

      long stored = db.queryLong("SELECT COUNT(*) FROM candidates");
      assertThat(stored).isGreaterThanOrEqualTo(300);
      candidates.discover(NewCandidate.of(null, "https://i.example/after.jpg"));
      assertThat(db.queryLong("SELECT COUNT(*) FROM candidates")).isEqualTo(stored + 1);
    }
  }
}
