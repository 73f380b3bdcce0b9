package dev.nichebot.moderation;

import dev.nichebot.reddit.RedditInbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Whether a moderator's account can still act: Reddit may keep a suspended account on the moderator
 * list. Asked once per {@code maxAge} per name, and only for moderators, so strangers cost no
 * requests.
 */
final class ActiveAccounts {
  private record Checked(boolean active, Instant at) {}

  private final RedditInbox reddit;
  private final Duration maxAge;
  private final Clock clock;
  private final Map<String, Checked> byLowerName = new HashMap<>();

  ActiveAccounts(RedditInbox reddit, Duration maxAge, Clock clock) {
    this.reddit = reddit;
    this.maxAge = maxAge;
    this.clock = clock;
  }

  /**
   * @throws dev.nichebot.reddit.RedditException when Reddit cannot say: the caller must not decide
   *     either way
   */
  synchronized boolean isActive(String user) {
    String key = user.toLowerCase(Locale.ROOT);
    Instant now = clock.instant();
    Checked checked = byLowerName.get(key);
    if (checked == null || !now.isBefore(checked.at().plus(maxAge))) {
      checked = new Checked(reddit.isActiveAccount(user), now);
      byLowerName.put(key, checked);
    }
    return checked.active();
  }
}
