package dev.nichebot.moderation;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A crawl source as moderators and {@code crawl.sources} write it: {@code
 * reddit:<sub>[/new|/hot|/top]}, {@code feed:<http(s) url>}, {@code urls:<file>}, {@code
 * folder:<path>}. The same rule as {@code config.ConfigChecks} (moderation may not depend on
 * config). Moderators may add only the remote kinds by message (see {@link #remote()}).
 *
 * @param spec the normalised text stored in {@code sources.spec}
 * @param kind {@code reddit}, {@code feed}, {@code urls} or {@code folder} ({@code sources.kind})
 */
record SourceSpec(String spec, String kind) {
  static final String FORMS =
      "`reddit:<subreddit>[/new|/hot|/top]`, `feed:<http(s) url>`, `urls:<file>` or"
          + " `folder:<path>`";
  private static final Pattern SOURCE =
      Pattern.compile(
          "(reddit:[A-Za-z0-9_]{2,21}(/(new|hot|top))?|feed:https?://.+|urls:.+|folder:.+)");
  private static final int MAX = 2048;

  /** Read over the network ({@code reddit:}, {@code feed:}), not from the bot's own disk. */
  boolean remote() {
    return kind.equals("reddit") || kind.equals("feed");
  }

  /** The spec, normalised (a lower-case kind; Reddit names are case-insensitive), if valid. */
  static Optional<SourceSpec> parse(String text) {
    String s = text == null ? "" : text.strip();
    // Reddit's editor may wrap a link in angle brackets.
    if (s.startsWith("<") && s.endsWith(">")) {
      s = s.substring(1, s.length() - 1).strip();
    }
    int colon = s.indexOf(':');
    if (colon <= 0 || s.length() > MAX || s.chars().anyMatch(Character::isISOControl)) {
      return Optional.empty();
    }
    String kind = s.substring(0, colon).toLowerCase(Locale.ROOT);
    s = kind + s.substring(colon);
    if (kind.equals("reddit")) {
      s = s.toLowerCase(Locale.ROOT);
    }
    if (!SOURCE.matcher(s).matches()) {
      return Optional.empty();
    }
    return Optional.of(new SourceSpec(s, kind));
  }
}
