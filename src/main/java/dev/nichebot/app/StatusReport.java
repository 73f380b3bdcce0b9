package dev.nichebot.app;

import dev.nichebot.domain.CandidateState;
import dev.nichebot.domain.PauseSwitch;
import dev.nichebot.domain.Stage;
import dev.nichebot.schedule.PipelineScheduler;
import dev.nichebot.store.BotStateStore;
import dev.nichebot.store.CandidateStore;
import dev.nichebot.store.Database;
import dev.nichebot.store.JobRunStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything {@code nichebot status} shows: candidates per state, failures per reason, paused
 * switches, the last and next run of every job, run-time settings and the posting record.
 */
public record StatusReport(
    String version,
    String database,
    Instant at,
    Map<CandidateState, Long> candidates,
    Map<String, Long> failures,
    Map<PauseSwitch, Boolean> paused,
    List<JobStatus> jobs,
    Map<String, String> settings,
    long posts,
    Instant lastPostAt) {

  public record JobStatus(
      Stage stage,
      Instant lastStarted,
      Instant lastFinished,
      String lastOutcome,
      Integer lastItems,
      String lastDetail,
      Instant nextRun) {}

  /** Reads the report from the database (works while the bot runs, from another process). */
  public static StatusReport read(Database db, Clock clock) {
    CandidateStore candidates = new CandidateStore(db, clock);
    BotStateStore state = new BotStateStore(db, clock);
    JobRunStore runs = new JobRunStore(db, clock, "status");
    Map<Stage, Instant> next = PipelineScheduler.storedNextRuns(db);
    Map<Stage, JobRunStore.JobRun> last = runs.lastRuns();
    List<JobStatus> jobs = new ArrayList<>();
    for (Stage s : Stage.values()) {
      JobRunStore.JobRun r = last.get(s);
      jobs.add(
          new JobStatus(
              s,
              r == null ? null : r.startedAt(),
              r == null ? null : r.finishedAt(),
              r == null ? null : r.outcome().name(),
              r == null ? null : r.items(),
              r == null ? null : r.detail(),
              next.get(s)));
    }
    long posts = db.queryLong("SELECT COUNT(*) FROM posts WHERE removed_at IS NULL");
    Instant lastPost =
        db.queryOne(
                "SELECT MAX(posted_at) AS t FROM posts",
                rs -> dev.nichebot.store.Rows.instant(rs, "t"))
            .orElse(null);
    return new StatusReport(
        Version.get(),
        db.describe(),
        clock.instant(),
        candidates.countByState(),
        candidates.failuresByReason(),
        state.pauseFlags(),
        jobs,
        state.all(),
        posts,
        lastPost);
  }
}
