package dev.nichebot.moderation;

/**
 * Where the {@code status} command gets its figures. The app implements it from its status report;
 * moderation does not depend on the app.
 */
@FunctionalInterface
public interface StatusSource {

  /** The bot's status now. */
  BotStatus current();
}
