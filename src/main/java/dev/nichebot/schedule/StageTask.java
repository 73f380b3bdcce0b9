package dev.nichebot.schedule;

/**
 * One run of a pipeline stage: what a scheduled job calls. Implementations do a bounded amount of
 * work, leave the database consistent if interrupted, and report what they did.
 */
@FunctionalInterface
public interface StageTask {
  StageResult run() throws Exception;

  /** One run, knowing whether a slot or a "run now" started it; most tasks need not care. */
  default StageResult run(StageRun run) throws Exception {
    return run();
  }
}
