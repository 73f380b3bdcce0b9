package dev.nichebot.schedule;

import dev.nichebot.domain.Stage;
import java.util.Optional;

/**
 * A stage, when it runs (a Quartz cron expression) and what it runs. A stage whose feature is not
 * built (or not configured) has no task: start-up says so plainly and schedules nothing for it.
 */
public record StageDefinition(Stage stage, String cron, Optional<StageTask> task, String whyNot) {

  public static StageDefinition of(Stage stage, String cron, StageTask task) {
    return new StageDefinition(stage, cron, Optional.of(task), null);
  }

  public static StageDefinition unavailable(Stage stage, String cron, String whyNot) {
    return new StageDefinition(stage, cron, Optional.empty(), whyNot);
  }
}
