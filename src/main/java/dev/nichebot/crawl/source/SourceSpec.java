package dev.nichebot.crawl.source;

import dev.nichebot.reddit.ListingSort;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of {@code crawl.sources}: {@code reddit:<sub>[/new|/hot|/top]}, {@code feed:<url>},
 * {@code urls:<file>} or {@code folder:<path>}.
 *
 * @param kind which kind of source
 * @param target the subreddit, feed URL, file or folder
 * @param sort for Reddit: which listing (new when not given)
 */
public record SourceSpec(Kind kind, String target, ListingSort sort) {
  private static final Pattern REDDIT =
      Pattern.compile("(?:/?r/)?([A-Za-z0-9_+]{2,100})(?:/(new|hot|top))?/?");

  /** The kinds of source, as written before the colon. */
  public enum Kind {
    REDDIT,
    FEED,
    URLS,
    FOLDER;

    public String prefix() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public SourceSpec {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(target, "target");
  }

  /**
   * Parses a spec as written in the configuration or by a moderator.
   *
   * @throws IllegalArgumentException with a message saying what is expected
   */
  public static SourceSpec parse(String spec) {
    String s = spec == null ? "" : spec.trim();
    int colon = s.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException(
          "not a source: '" + s + "' (expected reddit:, feed:, urls: or folder:)");
    }
    String prefix = s.substring(0, colon).toLowerCase(Locale.ROOT);
    String rest = s.substring(colon + 1).trim();
    if (rest.isEmpty()) {
      throw new IllegalArgumentException("source '" + s + "' names nothing after the colon");
    }
    return switch (prefix) {
      case "reddit" -> {
        Matcher m = REDDIT.matcher(rest);
        if (!m.matches()) {
          throw new IllegalArgumentException(
              "not a subreddit: '" + rest + "' (expected reddit:<sub>[/new|/hot|/top])");
        }
        ListingSort sort =
            switch (m.group(2) == null ? "new" : m.group(2).toLowerCase(Locale.ROOT)) {
              case "hot" -> ListingSort.HOT;
              case "top" -> ListingSort.TOP_DAY;
              default -> ListingSort.NEW;
            };
        yield new SourceSpec(Kind.REDDIT, m.group(1), sort);
      }
      case "feed" -> {
        String lower = rest.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
          throw new IllegalArgumentException("a feed needs an http(s) URL: '" + rest + "'");
        }
        yield new SourceSpec(Kind.FEED, rest, null);
      }
      case "urls" -> new SourceSpec(Kind.URLS, rest, null);
      case "folder" -> new SourceSpec(Kind.FOLDER, rest, null);
      default ->
          throw new IllegalArgumentException(
              "unknown source kind '" + prefix + "' (expected reddit, feed, urls or folder)");
    };
  }

  /**
   * The text as stored in {@code sources.spec}: the same normalisation moderators' {@code source
   * add} uses (trimmed, lower-case kind, a Reddit spec all lower case), so a moderator's {@code
   * source remove} finds a source that came from the configuration.
   */
  public static String normalize(String text) {
    String s = text == null ? "" : text.strip();
    int colon = s.indexOf(':');
    if (colon <= 0) {
      return s;
    }
    String kind = s.substring(0, colon).toLowerCase(Locale.ROOT);
    s = kind + s.substring(colon);
    return kind.equals("reddit") ? s.toLowerCase(Locale.ROOT) : s;
  }

  /** Whether two specs name the same source ({@code reddit:Pics} and {@code reddit:pics/new}). */
  public boolean sameSource(SourceSpec other) {
    if (kind != other.kind || sort != other.sort) {
      return false;
    }
    return kind == Kind.REDDIT
        ? target.equalsIgnoreCase(other.target)
        : target.equals(other.target);
  }

  /** A readable spelling for logs (Reddit with its listing). */
  public String canonical() {
    if (kind == Kind.REDDIT) {
      return "reddit:" + target + "/" + sort.path();
    }
    return kind.prefix() + ":" + target;
  }

  @Override
  public String toString() {
    return canonical();
  }
}
