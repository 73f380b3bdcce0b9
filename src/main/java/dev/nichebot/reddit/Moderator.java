package dev.nichebot.reddit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A moderator of a subreddit.
 *
 * @param name username as Reddit spells it
 * @param fullname {@code t2_<id>}
 * @param permissions {@code all}, {@code posts}, {@code mail}, ...
 * @param since when they became moderator
 */
public record Moderator(
    String name, Optional<String> fullname, List<String> permissions, Optional<Instant> since) {

  public Moderator {
    Objects.requireNonNull(name, "name");
    permissions = List.copyOf(permissions);
  }

  /** Holds this permission, or {@code all}. */
  public boolean can(String permission) {
    return permissions.contains("all") || permissions.contains(permission);
  }
}
