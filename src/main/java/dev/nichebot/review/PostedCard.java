package dev.nichebot.review;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A card found in the channel's history.
 *
 * @param candidateId the candidate named in the card's footer
 * @param messageId the message that shows the card
 * @param postedAt when it was posted
 * @param outcomeShown the outcome the card already shows, if it was marked decided
 */
public record PostedCard(
    long candidateId, long messageId, Instant postedAt, Optional<ReviewOutcome> outcomeShown) {
  public PostedCard {
    Objects.requireNonNull(postedAt, "postedAt");
    Objects.requireNonNull(outcomeShown, "outcomeShown");
  }
}
