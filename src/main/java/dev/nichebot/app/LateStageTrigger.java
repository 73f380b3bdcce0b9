package dev.nichebot.app;

import dev.nichebot.domain.Stage;
import dev.nichebot.schedule.PipelineScheduler;
import dev.nichebot.schedule.StageTrigger;
import org.quartz.SchedulerException;
import org.slf4j.LoggerFactory;

/**
 * A {@link StageTrigger} features can hold before the scheduler exists (features are built first,
 * the scheduler from their stages).
 */
public final class LateStageTrigger implements StageTrigger {
  private volatile PipelineScheduler scheduler;

  void bind(PipelineScheduler scheduler) {
    this.scheduler = scheduler;
  }

  @Override
  public boolean runNow(Stage stage) {
    PipelineScheduler s = scheduler;
    if (s == null || !s.isRunning()) {
      return false;
    }
    try {
      s.runNow(stage);
      return true;
    } catch (SchedulerException e) {
      LoggerFactory.getLogger(LateStageTrigger.class)
          .warn("cannot run {} now: {}", stage.id(), e.getMessage());
      return false;
    }
  }
}
