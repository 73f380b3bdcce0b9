package dev.nichebot.review;

import java.util.Optional;

/** How a card's review ended, as shown on the card. */
public enum ReviewOutcome {
  APPROVED("✅", "Approved"),
  REJECTED("❌", "Rejected"),
  /** Waited too long without a decision and went back to the queue. */
  EXPIRED("⌛", "Expired");

  private final String symbol;
  private final String label;

  ReviewOutcome(String symbol, String label) {
    this.symbol = symbol;
    this.label = label;
  }

  /** The text a card shows for this outcome, for example "✅ Approved". */
  public String display() {
    return symbol + " " + label;
  }

  /** The outcome whose {@link #display()} starts the given text, if any. */
  public static Optional<ReviewOutcome> fromDisplay(String text) {
    if (text == null) {
      return Optional.empty();
    }
    for (ReviewOutcome outcome : values()) {
      if (text.startsWith(outcome.display())) {
        return Optional.of(outcome);
      }
    }
    return Optional.empty();
  }
}
