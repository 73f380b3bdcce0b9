package dev.nichebot.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nichebot.config.BotConfig;
import dev.nichebot.config.Secret;
import dev.nichebot.domain.CandidateState;
import dev.nichebot.domain.NewCandidate;
import dev.nichebot.domain.Stage;
import dev.nichebot.schedule.PipelineScheduler;
import dev.nichebot.schedule.StageDefinition;
import dev.nichebot.schedule.StageResult;
import dev.nichebot.testing.TemporaryPostgres;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The same schema, state machine and Quartz store on a real PostgreSQL server. */
class PostgresTest {

  @Test
  void migrationsTransitionsAndQuartzWorkOnPostgresql() throws Exception {
    try (TemporaryPostgres pg = TemporaryPostgres.start();
        Database db =
            Database.open(
                new BotConfig.Store(
                    pg.jdbcUrl(), pg.user(), Secret.empty(), 4, Duration.ofSeconds(10)))) {
      assertThat(db.vendor()).isEqualTo(Database.Vendor.POSTGRESQL);
      db.migrate();
      db.migrate();

      CandidateStore candidates = new CandidateStore(db, Clock.systemUTC());
      long id =
          candidates.discover(NewCandidate.of(null, "https://i.example/pg.jpg")).orElseThrow();
      assertThat(candidates.discover(NewCandidate.of(null, "https://i.example/pg.jpg"))).isEmpty();
      assertThat(candidates.transition(id, CandidateState.DISCOVERED, CandidateState.DOWNLOADED))
          .isTrue();
      assertThat(candidates.transition(id, CandidateState.DISCOVERED, CandidateState.DOWNLOADED))
          .isFalse();
      assertThat(candidates.countByState()).containsEntry(CandidateState.DOWNLOADED, 1L);
      assertThat(new BotStateStore(db, Clock.systemUTC()).put("k", "v", "test")).isEmpty();

      PipelineScheduler scheduler =
          new PipelineScheduler(
              db,
              List.of(StageDefinition.of(Stage.PUBLISH, "0 0 3 * * ?", () -> StageResult.idle())),
              s -> false,
              new JobRunStore(db, Clock.systemUTC(), "pg"),
              new SimpleMeterRegistry(),
              1,
              Duration.ofSeconds(1));
      scheduler.start();
      assertThat(scheduler.isRunning()).isTrue();
      scheduler.shutdown(Duration.ofSeconds(5));
      assertThat(PipelineScheduler.storedNextRuns(db)).containsKey(Stage.PUBLISH);
    }
  }
}
