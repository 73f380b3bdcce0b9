package dev.nichebot.store;

import dev.nichebot.domain.Stage;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** One row per run of a pipeline job, for {@code status}, {@code /metrics} and crash recovery. */
public final class JobRunStore {
  /** How a run ended. RUNNING rows left by a crash become ABANDONED at the next start. */
  public enum Outcome {
    RUNNING,
    OK,
    FAILED,
    SKIPPED,
    ABANDONED,
    INTERRUPTED
  }

  public record JobRun(
      long id,
      Stage stage,
      Instant startedAt,
      Instant finishedAt,
      Outcome outcome,
      Integer items,
      String detail) {}

  private final Database db;
  private final Clock clock;
  private final String instance;

  public JobRunStore(Database db, Clock clock, String instance) {
    this.db = db;
    this.clock = clock;
    this.instance = instance;
  }

  public long start(Stage stage) {
    return db.insert(
        "INSERT INTO job_runs (stage, instance, started_at, outcome) VALUES (?, ?, ?, ?)",
        stage,
        instance,
        clock.instant(),
        Outcome.RUNNING);
  }

  public void finish(long id, Outcome outcome, Integer items, String detail) {
    db.update(
        "UPDATE job_runs SET finished_at = ?, outcome = ?, items = ?, detail = ? WHERE id = ?",
        clock.instant(),
        outcome,
        items,
        detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 1999) + "…",
        id);
  }

  /** Marks runs that were under way when a previous process died; returns how many. */
  public int abandonUnfinished() {
    return db.update(
        "UPDATE job_runs SET outcome = ?, finished_at = ?, detail = ? WHERE outcome = ?",
        Outcome.ABANDONED,
        clock.instant(),
        "the process stopped while this run was under way",
        Outcome.RUNNING);
  }

  /** The newest run of each stage. */
  public Map<Stage, JobRun> lastRuns() {
    Map<Stage, JobRun> out = new EnumMap<>(Stage.class);
    for (Stage s : Stage.values()) {
      last(s).ifPresent(r -> out.put(s, r));
    }
    return out;
  }

  public Optional<JobRun> last(Stage stage) {
    return db.queryOne(
        "SELECT * FROM job_runs WHERE stage = ? ORDER BY id DESC FETCH FIRST 1 ROWS ONLY",
        rs ->
            new JobRun(
                rs.getLong("id"),
                Stage.valueOf(rs.getString("stage")),
                Rows.instant(rs, "started_at"),
                Rows.instant(rs, "finished_at"),
                Outcome.valueOf(rs.getString("outcome")),
                Rows.intOrNull(rs, "items"),
                rs.getString("detail")),
        stage);
  }

  /** The latest error per stage: the detail of its newest FAILED run. */
  public Map<Stage, String> lastErrors() {
    Map<Stage, String> out = new EnumMap<>(Stage.class);
    for (Stage s : Stage.values()) {
      db.queryOne(
              "SELECT detail FROM job_runs WHERE stage = ? AND outcome = ? ORDER BY id DESC FETCH"
                  + " FIRST 1 ROWS ONLY",
              rs -> rs.getString(1),
              s,
              Outcome.FAILED)
          .ifPresent(d -> out.put(s, d));
    }
    return out;
  }
}
