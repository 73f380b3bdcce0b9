package dev.nichebot.schedule;

import dev.nichebot.domain.Stage;
import dev.nichebot.store.JobRunStore;
import dev.nichebot.store.JobRunStore.Outcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.InterruptableJob;
import org.quartz.JobExecutionContext;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thin Quartz shell around one stage: checks the pause switch, runs the task, records the run.
 * Quartz never starts a second run of the same stage while one is under way.
 */
@DisallowConcurrentExecution
public final class StageJob implements InterruptableJob {
  private static final Logger log = LoggerFactory.getLogger(StageJob.class);

  private final Stage stage;
  private final StageTask task;
  private final StageGate gate;
  private final JobRunStore runs;
  private final MeterRegistry metrics;
  private volatile Thread worker;

  StageJob(Stage stage, StageTask task, StageGate gate, JobRunStore runs, MeterRegistry metrics) {
    this.stage = stage;
    this.task = task;
    this.gate = gate;
    this.runs = runs;
    this.metrics = metrics;
  }

  @Override
  public void execute(JobExecutionContext context) {
    if (gate.isPaused(stage)) {
      log.debug("{} is paused; this run is skipped", stage.id());
      metrics.counter("nichebot.job.skipped", "stage", stage.id()).increment();
      return;
    }
    worker = Thread.currentThread();
    long runId = runs.start(stage);
    Timer.Sample sample = Timer.start(metrics);
    Outcome outcome = Outcome.OK;
    try {
      boolean scheduled =
          context.getTrigger() != null
              && context
                  .getTrigger()
                  .getKey()
                  .equals(TriggerKey.triggerKey(stage.id(), PipelineScheduler.GROUP));
      java.util.Date fired = context.getFireTime();
      StageResult result =
          task.run(
              new StageRun(scheduled, fired == null ? java.time.Instant.now() : fired.toInstant()));
      runs.finish(runId, Outcome.OK, result.items(), result.summary());
      if (result.items() > 0) {
        log.info("{}: {}", stage.id(), result.summary());
      }
    } catch (InterruptedException e) {
      outcome = Outcome.INTERRUPTED;
      runs.finish(runId, outcome, null, "interrupted at shutdown");
      log.warn("{} was interrupted at shutdown; its unfinished work will be retried", stage.id());
      Thread.currentThread().interrupt();
    } catch (Exception | LinkageError e) {
      outcome = Thread.currentThread().isInterrupted() ? Outcome.INTERRUPTED : Outcome.FAILED;
      String message = e.getClass().getSimpleName() + ": " + e.getMessage();
      runs.finish(runId, outcome, null, message);
      metrics.counter("nichebot.job.errors", "stage", stage.id()).increment();
      log.error("{} failed: {}", stage.id(), message, e);
    } finally {
      sample.stop(
          metrics.timer("nichebot.job.duration", "stage", stage.id(), "outcome", outcome.name()));
      worker = null;
    }
  }

  @Override
  public void interrupt() {
    Thread t = worker;
    if (t != null) {
      t.interrupt();
    }
  }
}
