package dev.nichebot.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nichebot.domain.CandidateState;
import dev.nichebot.domain.NewCandidate;
import dev.nichebot.domain.Stage;
import dev.nichebot.store.CandidateStore;
import dev.nichebot.store.Database;
import dev.nichebot.store.JobRunStore;
import dev.nichebot.testing.ChildBot;
import dev.nichebot.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bot as a real child JVM: killed with -9, restarted, and its database checked. */
class CrashRecoveryTest {
  @TempDir Path dir;

  private Database connect() {
    // The default URL, so this test connects through the child's H2 auto-server as `status` does.
    return Database.open(
        TestDatabases.store(
            "jdbc:h2:async:"
                + dir.resolve("data").resolve("nichebot").toAbsolutePath()
                + ";AUTO_SERVER=TRUE;WRITE_DELAY=0"));
  }

  @Test
  void afterKill9TheDatabaseOpensNothingIsLostAndCutRunsAreClosed() throws Exception {
    try (ChildBot bot = new ChildBot(dir)) {
      // The download stage is real now: it must not finish the cut run's work during the test.
      bot.env("NICHEBOT_CRAWL_DOWNLOAD_CRON", "0 0 0 1 1 ? 2099");
      bot.start().awaitHealthy(Duration.ofSeconds(60));
      long candidate;
      try (Database db = connect()) {
        CandidateStore store = new CandidateStore(db, Clock.systemUTC());
        candidate =
            store.discover(NewCandidate.of(null, "https://i.example/kept.jpg")).orElseThrow();
        // A job run under way at the moment of the kill.
        new JobRunStore(db, Clock.systemUTC(), "child").start(Stage.DOWNLOAD);
      }

      bot.kill9();
      assertThat(bot.healthStatus()).isEqualTo(-1);

      bot.start().awaitHealthy(Duration.ofSeconds(60));
      try (Database db = connect()) {
        CandidateStore store = new CandidateStore(db, Clock.systemUTC());
        assertThat(store.find(candidate).orElseThrow().state())
            .isEqualTo(CandidateState.DISCOVERED);
        assertThat(
                new JobRunStore(db, Clock.systemUTC(), "t")
                    .last(Stage.DOWNLOAD)
                    .orElseThrow()
                    .outcome())
            .isEqualTo(JobRunStore.Outcome.ABANDONED);
        assertThat(PipelineSchedulerAccess.storedTriggers(db)).isGreaterThanOrEqualTo(0);
      }
      assertThat(bot.output()).contains("cut short by the last shutdown");

      // SIGTERM: an orderly stop with exit status 0 that releases the database.
      assertThat(bot.terminate(Duration.ofSeconds(30))).isZero();
      assertThat(bot.output()).contains("stopped");
    }
    try (Database db = TestDatabases.file(dir.resolve("data"))) {
      assertThat(db.queryLong("SELECT COUNT(*) FROM candidates")).isEqualTo(1);
    }
  }

  /** Reads Quartz's table directly, as `status` does from another process. */
  static final class PipelineSchedulerAccess {
    static long storedTriggers(Database db) {
      return db.queryLong("SELECT COUNT(*) FROM QRTZ_TRIGGERS");
    }
  }
}
