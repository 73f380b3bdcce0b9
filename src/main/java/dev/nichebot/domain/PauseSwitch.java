package dev.nichebot.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * What moderators and reviewers can pause: intake (crawl, download and classify), review dispatch,
 * publishing.
 */
public enum PauseSwitch {
  CRAWL,
  REVIEW,
  PUBLISH;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<PauseSwitch> parse(String text) {
    for (PauseSwitch s : values()) {
      if (s.id().equalsIgnoreCase(text.trim())) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
