package dev.nichebot.review.discord;

import dev.nichebot.review.ReviewCard;
import dev.nichebot.review.ReviewOutcome;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.MarkdownSanitizer;

/**
 * Turns a {@link ReviewCard} into the embed reviewers see, marks it decided, and reads the
 * candidate id back from its footer. Everything that came from outside (titles, names, links) is
 * escaped or checked: a title cannot inject Markdown, a link must be http(s).
 */
final class CardEmbeds {

  static final String OUTCOME_FIELD = "Outcome";
  private static final String FOOTER_PREFIX = "candidate #";
  private static final Pattern FOOTER = Pattern.compile("^candidate #(\\d{1,18})\\b");

  private static final int PENDING_COLOR = 0x5865F2;
  private static final int APPROVED_COLOR = 0x2ECC71;
  private static final int REJECTED_COLOR = 0xE74C3C;
  private static final int EXPIRED_COLOR = 0x95A5A6;

  private final String approveEmoji;
  private final String rejectEmoji;

  CardEmbeds(String approveEmoji, String rejectEmoji) {
    this.approveEmoji = approveEmoji;
    this.rejectEmoji = rejectEmoji;
  }

  /** The card as first posted; {@code attachmentName} is the uploaded image's file name. */
  MessageEmbed card(ReviewCard card, String attachmentName, Instant postedAt) {
    EmbedBuilder embed = new EmbedBuilder();
    ReviewCard.Credit credit = card.credit();
    String title = firstPresent(card.title(), credit.title(), "Candidate #" + card.candidateId());
    Optional<String> link = webLink(credit.permalink());
    embed.setTitle(cut(escape(title), MessageEmbed.TITLE_MAX_LENGTH), link.orElse(null));
    embed.setDescription("React " + approveEmoji + " to approve or " + rejectEmoji + " to reject.");
    embed.addField(
        "Signal",
        String.format(Locale.ROOT, "%.2f", card.signalScore())
            + " · model "
            + escape(card.modelVersion()),
        true);
    if (card.nsfwScore().isPresent()) {
      embed.addField(
          "NSFW", String.format(Locale.ROOT, "%.2f", card.nsfwScore().getAsDouble()), true);
    }
    if (card.source() != null && !card.source().isBlank()) {
      embed.addField("Source", field(escape(card.source())), true);
    }
    if (credit.title() != null && !credit.title().isBlank()) {
      embed.addField("Original title", field(escape(credit.title())), false);
    }
    if (credit.author() != null && !credit.author().isBlank()) {
      embed.addField("Author", field(escape(credit.author())), true);
    }
    if (credit.permalink() != null && !credit.permalink().isBlank()) {
      embed.addField(
          "Original post",
          link.map(CardEmbeds::field)
              .orElseGet(() -> field("not a web link: " + escape(credit.permalink()))),
          false);
    }
    if (card.nearestKnown() != null) {
      embed.addField(
          "Nearest known image",
          field(
              escape(card.nearestKnown().reference())
                  + " · distance "
                  + card.nearestKnown().distance()),
          false);
    }
    embed.setImage("attachment://" + attachmentName);
    embed.setFooter(FOOTER_PREFIX + card.candidateId());
    embed.setTimestamp(postedAt);
    embed.setColor(PENDING_COLOR);
    return embed.build();
  }

  /**
   * The same card marked decided. Replaces an earlier outcome, so calling it twice shows one.
   *
   * @param attachmentName the image attached to the message, referenced again so the edit keeps it
   */
  MessageEmbed withOutcome(
      MessageEmbed original,
      String attachmentName,
      ReviewOutcome outcome,
      List<Long> decidedBy,
      Instant when) {
    EmbedBuilder embed = new EmbedBuilder(original);
    embed.clearFields();
    original.getFields().stream()
        .filter(f -> !OUTCOME_FIELD.equals(f.getName()))
        .forEach(embed::addField);
    StringBuilder text = new StringBuilder(outcome.display());
    if (!decidedBy.isEmpty()) {
      text.append(" by ")
          .append(decidedBy.stream().map(id -> "<@" + id + ">").collect(Collectors.joining(", ")));
    }
    text.append(" · <t:").append(when.getEpochSecond()).append(":f>");
    embed.addField(OUTCOME_FIELD, field(text.toString()), false);
    embed.setDescription("Review closed: reactions no longer count.");
    embed.setColor(
        switch (outcome) {
          case APPROVED -> APPROVED_COLOR;
          case REJECTED -> REJECTED_COLOR;
          case EXPIRED -> EXPIRED_COLOR;
        });
    if (attachmentName != null) {
      embed.setImage("attachment://" + attachmentName);
    }
    return embed.build();
  }

  /** The card waiting for votes again: the outcome taken off, the instructions back. */
  MessageEmbed reopened(MessageEmbed decided, String attachmentName) {
    EmbedBuilder embed = new EmbedBuilder(decided);
    embed.clearFields();
    decided.getFields().stream()
        .filter(f -> !OUTCOME_FIELD.equals(f.getName()))
        .forEach(embed::addField);
    embed.setDescription(instructions());
    embed.setColor(PENDING_COLOR);
    if (attachmentName != null) {
      embed.setImage("attachment://" + attachmentName);
    }
    return embed.build();
  }

  private String instructions() {
    return "React " + approveEmoji + " to approve or " + rejectEmoji + " to reject.";
  }

  /** The candidate id in a card's footer, if this embed is one of our cards. */
  static OptionalLong candidateId(MessageEmbed embed) {
    if (embed.getFooter() == null || embed.getFooter().getText() == null) {
      return OptionalLong.empty();
    }
    Matcher matcher = FOOTER.matcher(embed.getFooter().getText());
    return matcher.find()
        ? OptionalLong.of(Long.parseLong(matcher.group(1)))
        : OptionalLong.empty();
  }

  /** The outcome a card already shows, if it was marked decided. */
  static Optional<ReviewOutcome> outcomeShown(MessageEmbed embed) {
    return embed.getFields().stream()
        .filter(f -> OUTCOME_FIELD.equals(f.getName()))
        .findFirst()
        .flatMap(f -> ReviewOutcome.fromDisplay(f.getValue()));
  }

  String reminder(long candidateId, Duration waited) {
    return "⏰ Candidate #"
        + candidateId
        + " has been waiting for a decision for "
        + humanDuration(waited)
        + ". React "
        + approveEmoji
        + " or "
        + rejectEmoji
        + ".";
  }

  static String humanDuration(Duration duration) {
    long minutes = Math.max(0, duration.toMinutes());
    long days = minutes / (24 * 60);
    long hours = minutes / 60 % 24;
    long mins = minutes % 60;
    if (days > 0) {
      return days + " d " + hours + " h";
    }
    if (hours > 0) {
      return hours + " h " + mins + " min";
    }
    return mins + " min";
  }

  /** The link if it is an absolute http(s) URL an embed accepts; empty otherwise. */
  static Optional<String> webLink(String candidate) {
    if (candidate == null || candidate.isBlank() || candidate.length() > 2000) {
      return Optional.empty();
    }
    String trimmed = candidate.strip();
    if (trimmed.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(trimmed);
      String scheme = uri.getScheme();
      if (scheme == null
          || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          || uri.getHost() == null) {
        return Optional.empty();
      }
      return Optional.of(trimmed);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  private static String escape(String text) {
    // Strip control characters (they can break the layout); neutralise Markdown, masked links
    // ("[text](url)" would be a clickable link in a field), mentions and <t:…>-style tags.
    String clean = text.replaceAll("\\p{Cntrl}", " ").strip();
    return MarkdownSanitizer.escape(clean)
        .replace("[", "\\[")
        .replace("]", "\\]")
        .replace("<", "\\<")
        .replace("@", "@\u200b");
  }

  private static String field(String text) {
    return cut(text.isBlank() ? "-" : text, MessageEmbed.VALUE_MAX_LENGTH);
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  private static String firstPresent(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    throw new IllegalStateException("no value");
  }
}
