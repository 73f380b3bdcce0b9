package dev.nichebot.moderation;

/** Asks the publish stage to run now, outside its schedule ({@code post now}). */
@FunctionalInterface
public interface PublishTrigger {

  /**
   * @return false when nothing could be asked (the scheduler is not running, or no publish stage is
   *     scheduled)
   */
  boolean publishNow();
}
