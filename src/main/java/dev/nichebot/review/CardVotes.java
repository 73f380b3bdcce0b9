package dev.nichebot.review;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reactions currently on a card, per emoji, without the bot's own.
 *
 * @param messageId the card
 * @param votersByEmoji for each emoji on the card (as in {@link ReactionChange#emoji()}), who
 *     reacted with it
 */
public record CardVotes(long messageId, Map<String, List<Voter>> votersByEmoji) {

  /**
   * One user who reacted.
   *
   * @param userId the user
   * @param roleIds the user's roles in the review server now; empty if no longer a member
   */
  public record Voter(long userId, Set<Long> roleIds) {
    public Voter {
      roleIds = Set.copyOf(roleIds);
    }
  }

  public CardVotes {
    Map<String, List<Voter>> copy = new LinkedHashMap<>();
    votersByEmoji.forEach((emoji, voters) -> copy.put(emoji, List.copyOf(voters)));
    votersByEmoji = java.util.Collections.unmodifiableMap(copy);
  }

  /** Who reacted with this emoji; empty if nobody did. */
  public List<Voter> voters(String emoji) {
    return votersByEmoji.getOrDefault(emoji, List.of());
  }
}
