package dev.nichebot.app;

import dev.nichebot.schedule.StageDefinition;
import dev.nichebot.web.HealthCheck;
import dev.nichebot.web.WebServer;
import java.util.List;

/**
 * One feature's part in the running bot: the stages it schedules, what it repairs at start-up, the
 * pages it serves, what it connects to. {@link Features} lists them all, in one place.
 */
public interface Feature extends AutoCloseable {

  /** Stages this feature runs; a stage no feature provides is reported as not built. */
  default List<StageDefinition> stages() {
    return List.of();
  }

  /** Runs once at start-up, before any stage: returns work a crash left half done. */
  default void recover() throws Exception {}

  /** Connects to outside systems (Discord, ...). Called after recovery, before scheduling. */
  default void start() throws Exception {}

  default void registerRoutes(WebServer web) {}

  default List<HealthCheck> healthChecks() {
    return List.of();
  }

  @Override
  default void close() throws Exception {}
}
