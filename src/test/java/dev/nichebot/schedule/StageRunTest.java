package dev.nichebot.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nichebot.domain.Stage;
import dev.nichebot.store.Database;
import dev.nichebot.store.JobRunStore;
import dev.nichebot.testing.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A task learns whether its own slot or a "run now" started it (publishing acts differently). */
class StageRunTest {
  @Test
  void aCronSlotIsScheduledAndRunNowIsNot() throws Exception {
    List<StageRun> seen = new CopyOnWriteArrayList<>();
    StageTask task =
        new StageTask() {
          @Override
          public StageResult run() {
            throw new AssertionError("the scheduler passes the run");
          }

          @Override
          public StageResult run(StageRun run) {
            seen.add(run);
            return StageResult.idle();
          }
        };
    try (Database db = TestDatabases.inMemory()) {
      PipelineScheduler s =
          new PipelineScheduler(
              db,
              List.of(StageDefinition.of(Stage.PUBLISH, "0 0 3 1 1 ?", task)),
              st -> false,
              new JobRunStore(db, Clock.systemUTC(), "test"),
              new SimpleMeterRegistry(),
              2,
              Duration.ofSeconds(1));
      s.start();
      s.runNow(Stage.PUBLISH);
      await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 1);
      assertThat(seen.get(0).scheduled()).isFalse();
      s.shutdown(Duration.ofSeconds(5));

      PipelineScheduler everySecond =
          new PipelineScheduler(
              db,
              List.of(StageDefinition.of(Stage.PUBLISH, "* * * * * ?", task)),
              st -> false,
              new JobRunStore(db, Clock.systemUTC(), "test"),
              new SimpleMeterRegistry(),
              2,
              Duration.ofSeconds(1));
      everySecond.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() >= 2);
      everySecond.shutdown(Duration.ofSeconds(5));
      assertThat(seen.get(1).scheduled()).isTrue();
      assertThat(seen.get(1).firedAt()).isNotNull();
    }
  }
}
