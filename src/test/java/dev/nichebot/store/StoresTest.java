package dev.nichebot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nichebot.domain.PauseSwitch;
import dev.nichebot.domain.Stage;
import dev.nichebot.testing.MutableClock;
import dev.nichebot.testing.TestDatabases;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StoresTest {
  private final MutableClock clock = MutableClock.at("2026-12-01T10:00:00Z");
  private final Database db = TestDatabases.inMemory();

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void pauseSwitchesAreStoredAndReportTheirPreviousValue() {
    BotStateStore state = new BotStateStore(db, clock);
    assertThat(state.isPaused(PauseSwitch.PUBLISH)).isFalse();

    assertThat(state.setPaused(PauseSwitch.PUBLISH, true, "mod")).isFalse();
    assertThat(state.isPaused(PauseSwitch.PUBLISH)).isTrue();
    assertThat(state.isPaused(PauseSwitch.CRAWL)).isFalse();
    assertThat(state.setPaused(PauseSwitch.PUBLISH, false, "mod")).isTrue();
    assertThat(state.put("classify.threshold", "0.4", "mod")).isEmpty();
    assertThat(state.put("classify.threshold", "0.5", "mod")).hasValue("0.4");
    assertThat(state.put("classify.threshold", null, "mod")).hasValue("0.5");
    assertThat(state.get("classify.threshold")).isEmpty();
  }

  @Test
  void theAuditLogKeepsWhoWhatWhenBeforeAndAfter() {
    AuditLog audit = new AuditLog(db, clock);
    audit.record("alice", "reddit", "pause", "publish", "running", "paused", null);
    clock.advance(Duration.ofMinutes(1));
    audit.record("bob", "discord", "vote", "candidate 7", null, "APPROVE", null);

    var last = audit.lastBy("alice", "reddit").orElseThrow();
    assertThat(last.action()).isEqualTo("pause");
    assertThat(last.before()).isEqualTo("running");
    assertThat(last.after()).isEqualTo("paused");
    assertThat(last.at()).isEqualTo(clock.instant().minus(Duration.ofMinutes(1)));
    assertThat(audit.recent(10)).hasSize(2);
  }

  @Test
  void runsLeftRunningByACrashAreMarkedAbandoned() {
    JobRunStore runs = new JobRunStore(db, clock, "test");
    long finished = runs.start(Stage.CRAWL);
    runs.finish(finished, JobRunStore.Outcome.OK, 3, "3 new");
    long cut = runs.start(Stage.DOWNLOAD);

    assertThat(runs.abandonUnfinished()).isEqualTo(1);
    assertThat(runs.last(Stage.DOWNLOAD).orElseThrow().outcome())
        .isEqualTo(JobRunStore.Outcome.ABANDONED);
    assertThat(runs.last(Stage.DOWNLOAD).orElseThrow().id()).isEqualTo(cut);
    assertThat(runs.last(Stage.CRAWL).orElseThrow().items()).isEqualTo(3);
  }

  @Test
  void aTransactionIsAllOrNothing() {
    assertThatThrownBy(
            () ->
                db.inTransaction(
                    () -> {
                      db.update(
                          "INSERT INTO bot_state (state_key, state_value, updated_at) VALUES ('a', '1', CURRENT_TIMESTAMP)");
                      throw new IllegalStateException("boom");
                    }))
        .hasMessage("boom");
    assertThat(db.queryLong("SELECT COUNT(*) FROM bot_state")).isZero();
  }

  @Test
  void aPasswordInAJdbcUrlIsMaskedInMessages() {
    assertThat(Database.maskUrl("jdbc:postgresql://db:5432/nb?user=x&password=s3cret&ssl=true"))
        .isEqualTo("jdbc:postgresql://db:5432/nb?user=x&password=***&ssl=true");
    assertThat(Database.maskUrl("jdbc:postgresql://bob:s3cret@db/nb")).doesNotContain("s3cret");
  }

  @Test
  void anUnreachableDatabaseGivesAClearErrorWithoutThePassword() {
    var config =
        new dev.nichebot.config.BotConfig.Store(
            "jdbc:postgresql://127.0.0.1:1/nichebot?password=s3cret",
            "nichebot",
            dev.nichebot.config.Secret.of("pw-should-not-show"),
            2,
            Duration.ofSeconds(2));
    assertThatThrownBy(() -> Database.open(config))
        .isInstanceOf(DatabaseUnavailableException.class)
        .hasMessageContaining("cannot be reached")
        .hasMessageNotContaining("s3cret")
        .hasMessageNotContaining("pw-should-not-show");
  }
}
