package dev.nichebot.schedule;

import dev.nichebot.domain.Stage;

/** Runs a stage now, outside its schedule (a moderator's "post now", a CLI command). */
@FunctionalInterface
public interface StageTrigger {
  /**
   * Asks for one run as soon as possible; it still never overlaps a run under way.
   *
   * @return false when the scheduler is not running (nothing was asked)
   */
  boolean runNow(Stage stage);
}
