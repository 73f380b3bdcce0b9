package dev.nichebot.reddit;

import java.util.Objects;
import java.util.Optional;

/**
 * A post flair the bot may pick.
 *
 * @param templateId the id to submit with
 * @param text the flair's text
 * @param textEditable whether a custom text may be sent with it
 * @param cssClass the old-reddit CSS class
 */
public record FlairChoice(
    String templateId, Optional<String> text, boolean textEditable, Optional<String> cssClass) {
  public FlairChoice {
    Objects.requireNonNull(templateId, "templateId");
  }
}
