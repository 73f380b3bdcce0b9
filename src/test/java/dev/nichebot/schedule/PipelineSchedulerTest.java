package dev.nichebot.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nichebot.domain.Stage;
import dev.nichebot.store.Database;
import dev.nichebot.store.JobRunStore;
import dev.nichebot.testing.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineSchedulerTest {
  @TempDir Path dir;

  private PipelineScheduler scheduler(Database db, List<StageDefinition> stages, StageGate gate) {
    return new PipelineScheduler(
        db,
        stages,
        gate,
        new JobRunStore(db, Clock.systemUTC(), "test"),
        new SimpleMeterRegistry(),
        2,
        Duration.ofSeconds(1));
  }

  private static final String NIGHTLY = "0 0 3 * * ?";

  @Test
  void schedulesAreStoredInTheDatabaseAndSurviveARestart() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    StageTask task = () -> StageResult.of(runs.incrementAndGet(), "ran");
    Instant firstNext;
    try (Database db = TestDatabases.file(dir)) {
      PipelineScheduler s =
          scheduler(db, List.of(StageDefinition.of(Stage.PUBLISH, NIGHTLY, task)), st -> false);
      s.start();
      firstNext = s.nextRuns().get(Stage.PUBLISH);
      assertThat(firstNext).isAfter(Instant.now());
      s.shutdown(Duration.ofSeconds(5));
    }
    try (Database db = TestDatabases.file(dir)) {
      assertThat(PipelineScheduler.storedNextRuns(db)).containsEntry(Stage.PUBLISH, firstNext);
      PipelineScheduler s =
          scheduler(db, List.of(StageDefinition.of(Stage.PUBLISH, NIGHTLY, task)), st -> false);
      s.start();
      assertThat(s.nextRuns().get(Stage.PUBLISH))
          .as("the stored trigger is kept")
          .isEqualTo(firstNext);
      s.shutdown(Duration.ofSeconds(5));

      // A changed cron expression replaces the stored schedule.
      PipelineScheduler changed =
          scheduler(
              db, List.of(StageDefinition.of(Stage.PUBLISH, "0 30 4 * * ?", task)), st -> false);
      changed.start();
      assertThat(changed.nextRuns().get(Stage.PUBLISH)).isNotEqualTo(firstNext);
      changed.shutdown(Duration.ofSeconds(5));
    }
    assertThat(runs).hasValue(0);
  }

  @Test
  void afterDowntimeAMissedSlotRunsOnceNotOncePerMissedSlot() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    StageTask task = () -> StageResult.of(runs.incrementAndGet(), "ran");
    try (Database db = TestDatabases.file(dir)) {
      PipelineScheduler s =
          scheduler(db, List.of(StageDefinition.of(Stage.PUBLISH, NIGHTLY, task)), st -> false);
      s.start();
      s.shutdown(Duration.ofSeconds(5));
      // The bot was down across three nightly slots.
      long threeDaysAgo = Instant.now().minus(Duration.ofDays(3)).toEpochMilli();
      db.update(
          "UPDATE QRTZ_TRIGGERS SET NEXT_FIRE_TIME = ? WHERE TRIGGER_NAME = 'publish'",
          threeDaysAgo);

      PipelineScheduler restarted =
          scheduler(db, List.of(StageDefinition.of(Stage.PUBLISH, NIGHTLY, task)), st -> false);
      restarted.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 1);
      Thread.sleep(2000);
      assertThat(runs).hasValue(1);
      assertThat(restarted.nextRuns().get(Stage.PUBLISH)).isAfter(Instant.now());
      restarted.shutdown(Duration.ofSeconds(5));
      assertThat(
              new JobRunStore(db, Clock.systemUTC(), "t")
                  .last(Stage.PUBLISH)
                  .orElseThrow()
                  .outcome())
          .isEqualTo(JobRunStore.Outcome.OK);
    }
  }

  @Test
  void aRunUnderWayIsNeverStartedAgainAndAPausedStageDoesNotRun() throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger maxRunning = new AtomicInteger();
    AtomicInteger runs = new AtomicInteger();
    AtomicInteger pausedRuns = new AtomicInteger();
    StageTask slow =
        () -> {
          maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
          runs.incrementAndGet();
          Thread.sleep(1500);
          running.decrementAndGet();
          return StageResult.of(1, "slow");
        };
    StageTask paused = () -> StageResult.of(pausedRuns.incrementAndGet(), "should not run");
    try (Database db = TestDatabases.inMemory()) {
      PipelineScheduler s =
          scheduler(
              db,
              List.of(
                  StageDefinition.of(Stage.CRAWL, "* * * * * ?", slow),
                  StageDefinition.of(Stage.PUBLISH, "* * * * * ?", paused)),
              stage -> stage == Stage.PUBLISH);
      s.start();
      await().atMost(Duration.ofSeconds(15)).until(() -> runs.get() >= 3);
      s.shutdown(Duration.ofSeconds(5));
    }
    assertThat(maxRunning).hasValue(1);
    assertThat(pausedRuns).hasValue(0);
  }

  @Test
  void shutdownInterruptsARunThatOutlastsTheGracePeriod() throws Exception {
    AtomicInteger started = new AtomicInteger();
    StageTask stuck =
        () -> {
          started.incrementAndGet();
          Thread.sleep(60_000);
          return StageResult.idle();
        };
    try (Database db = TestDatabases.inMemory()) {
      PipelineScheduler s =
          scheduler(
              db, List.of(StageDefinition.of(Stage.DOWNLOAD, "* * * * * ?", stuck)), st -> false);
      s.start();
      await().atMost(Duration.ofSeconds(5)).until(() -> started.get() == 1);
      long t0 = System.nanoTime();
      s.shutdown(Duration.ofMillis(500));
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(8));
      assertThat(s.isRunning()).isFalse();
      assertThat(
              new JobRunStore(db, Clock.systemUTC(), "t")
                  .last(Stage.DOWNLOAD)
                  .orElseThrow()
                  .outcome())
          .isEqualTo(JobRunStore.Outcome.INTERRUPTED);
    }
  }

  @Test
  void aStageWithoutATaskIsNotScheduled() throws Exception {
    try (Database db = TestDatabases.inMemory()) {
      PipelineScheduler s =
          scheduler(
              db,
              List.of(StageDefinition.unavailable(Stage.INBOX, "0 * * * * ?", "not built")),
              st -> false);
      s.start();
      assertThat(s.nextRuns()).doesNotContainKey(Stage.INBOX);
      assertThat(s.isRunning()).isTrue();
      s.shutdown(Duration.ofSeconds(2));
    }
  }
}
