package dev.nichebot.schedule;

import dev.nichebot.domain.Stage;

/** Whether a stage may run now; read on every run so a pause applies at once. */
@FunctionalInterface
public interface StageGate {
  boolean isPaused(Stage stage);
}
