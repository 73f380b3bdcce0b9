package dev.nichebot.moderation;

import dev.nichebot.reddit.Moderator;
import dev.nichebot.reddit.RedditInbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subreddit's current moderators, read from {@code /about/moderators} and trusted for a while.
 * A sender not in the list triggers a fresh read (a moderator added a minute ago is recognised),
 * but not more than once per {@link #MISS_REFRESH}, so a stranger's flood cannot turn into a flood
 * of requests.
 */
final class ModeratorList {
  private static final Logger log = LoggerFactory.getLogger(ModeratorList.class);
  static final Duration MISS_REFRESH = Duration.ofSeconds(30);

  private final RedditInbox reddit;
  private final String subreddit;
  private final Duration maxAge;
  private final Clock clock;
  private Map<String, String> byLowerName = Map.of();
  private Instant readAt;

  ModeratorList(RedditInbox reddit, String subreddit, Duration maxAge, Clock clock) {
    this.reddit = reddit;
    this.subreddit = subreddit;
    this.maxAge = maxAge;
    this.clock = clock;
  }

  /**
   * The moderator's name as Reddit spells it, when {@code user} moderates the subreddit (compared
   * case-insensitively).
   *
   * @throws dev.nichebot.reddit.RedditException when the list cannot be read: the caller must not
   *     decide either way
   */
  synchronized Optional<String> find(String user) {
    String key = user.toLowerCase(Locale.ROOT);
    Instant now = clock.instant();
    boolean stale = readAt == null || !now.isBefore(readAt.plus(maxAge));
    boolean missRefreshAllowed = readAt == null || !now.isBefore(readAt.plus(MISS_REFRESH));
    if (stale || (!byLowerName.containsKey(key) && missRefreshAllowed)) {
      refresh(now);
    }
    return Optional.ofNullable(byLowerName.get(key));
  }

  private void refresh(Instant now) {
    Map<String, String> names = new HashMap<>();
    for (Moderator m : reddit.moderators(subreddit)) {
      names.put(m.name().toLowerCase(Locale.ROOT), m.name());
    }
    if (!names.keySet().equals(byLowerName.keySet())) {
      log.info("r/{} has {} moderators: {}", subreddit, names.size(), names.values());
    }
    byLowerName = Map.copyOf(names);
    readAt = now;
  }
}
