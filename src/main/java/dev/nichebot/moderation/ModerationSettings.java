package dev.nichebot.moderation;

import java.time.Duration;
import java.util.Objects;

/**
 * What moderation needs to know, fixed at start-up (mapped from {@code reddit.*} and {@code
 * moderation.*} by the app).
 *
 * @param subreddit the subreddit whose moderators may command the bot ({@code reddit.subreddit})
 * @param botUsername the bot's own account: its own messages are never commands
 * @param moderatorCache how long the moderator list is trusted before it is read again
 * @param replyToStrangers whether a non-moderator who sends a command gets (at most daily) a reply
 */
public record ModerationSettings(
    String subreddit, String botUsername, Duration moderatorCache, boolean replyToStrangers) {

  public ModerationSettings {
    Objects.requireNonNull(subreddit, "subreddit");
    Objects.requireNonNull(botUsername, "botUsername");
    Objects.requireNonNull(moderatorCache, "moderatorCache");
    if (subreddit.isBlank()) {
      throw new IllegalArgumentException("moderation needs the subreddit (reddit.subreddit)");
    }
    if (moderatorCache.isNegative()) {
      throw new IllegalArgumentException("moderatorCache must not be negative");
    }
  }
}
