package dev.nichebot.schedule;

import java.time.Instant;

/**
 * How a run of a stage came about: at one of its scheduled slots, or asked for now (a moderator's
 * "post now", a one-shot wake-up). Most stages do the same either way; publishing does not (a slot
 * applies jitter, gap and daily maximum, "now" posts one at once).
 *
 * @param scheduled fired by the stage's own cron trigger
 * @param firedAt when the trigger fired
 */
public record StageRun(boolean scheduled, Instant firedAt) {
  public static StageRun now(Instant at) {
    return new StageRun(false, at);
  }

  public static StageRun slot(Instant at) {
    return new StageRun(true, at);
  }
}
