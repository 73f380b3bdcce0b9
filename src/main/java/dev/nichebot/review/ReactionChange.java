package dev.nichebot.review;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One reaction added to or removed from a message in the review channel.
 *
 * @param messageId the message reacted to
 * @param userId who reacted
 * @param roleIds the user's roles in the review server at that moment; empty when the user is no
 *     longer a member (or could not be looked up, which is logged)
 * @param emoji a Unicode emoji as is (for example "✅"), a custom one as {@code <:name:id>}
 * @param kind added or removed
 * @param at when the bot received it (the gateway carries no timestamp for reactions)
 */
public record ReactionChange(
    long messageId, long userId, Set<Long> roleIds, String emoji, Kind kind, Instant at) {

  /** Whether the reaction appeared or went away. */
  public enum Kind {
    ADDED,
    REMOVED
  }

  public ReactionChange {
    roleIds = Set.copyOf(roleIds);
    Objects.requireNonNull(emoji, "emoji");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(at, "at");
  }

  public boolean added() {
    return kind == Kind.ADDED;
  }
}
