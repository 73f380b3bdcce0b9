package dev.nichebot.publish;

import dev.nichebot.domain.Candidate;
import dev.nichebot.publish.TitleTemplate.Field;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The values a title or comment template can use, taken from a candidate. */
final class PostFields {
  private static final Pattern REDDIT_SUB =
      Pattern.compile("^https?://(?:[a-z0-9-]+\\.)*reddit\\.com/r/([A-Za-z0-9_]{2,21})(?:/|$)");

  private PostFields() {}

  /**
   * @param date the day of posting (UTC)
   */
  static Map<Field, String> of(Candidate c, LocalDate date) {
    Map<Field, String> values = new EnumMap<>(Field.class);
    put(values, Field.TITLE, c.title());
    String author = c.author();
    if (author != null && !author.isBlank() && !author.strip().equals("[deleted]")) {
      values.put(Field.AUTHOR, author.strip());
    }
    String source = source(c);
    put(values, Field.SOURCE, source);
    put(values, Field.SUBREDDIT, subreddit(c));
    values.put(Field.ID, Long.toString(c.id()));
    values.put(Field.DATE, date.toString());
    return values;
  }

  /** Where the image was found, for credit: the page, else the image's web address. */
  static String source(Candidate c) {
    if (isWeb(c.pageUrl())) {
      return c.pageUrl();
    }
    // A file: URL would show a path on this machine; it is no credit anyway.
    return isWeb(c.sourceUrl()) ? c.sourceUrl() : null;
  }

  /** The subreddit the image came from, when its page is a Reddit post. */
  static String subreddit(Candidate c) {
    for (String url : new String[] {c.pageUrl(), c.sourceUrl()}) {
      if (url != null) {
        Matcher m = REDDIT_SUB.matcher(url);
        if (m.find()) {
          return m.group(1);
        }
      }
    }
    return null;
  }

  private static boolean isWeb(String url) {
    if (url == null) {
      return false;
    }
    String lower = url.strip().toLowerCase(Locale.ROOT);
    return lower.startsWith("https://") || lower.startsWith("http://");
  }

  private static void put(Map<Field, String> values, Field field, String value) {
    if (value != null && !value.isBlank()) {
      values.put(field, value.strip());
    }
  }
}
