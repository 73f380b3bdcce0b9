package dev.nichebot.reddit;

import java.util.Objects;
import java.util.regex.Pattern;

/** Checks on names and fullnames before they go into a URL or a form. */
final class Things {
  private static final Pattern SUBREDDIT =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9_]{1,20}(\\+[A-Za-z0-9][A-Za-z0-9_]{1,20})*");
  private static final Pattern USER = Pattern.compile("[A-Za-z0-9_-]{3,20}");
  private static final Pattern FULLNAME = Pattern.compile("t[1-6]_[a-z0-9]{1,13}");

  private Things() {}

  static String requireSubreddit(String name) {
    Objects.requireNonNull(name, "subreddit");
    if (!SUBREDDIT.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "not a subreddit name (letters, digits, '_'; several joined by '+'): '"
              + printable(name)
              + "'");
    }
    return name;
  }

  static String requireUser(String name) {
    Objects.requireNonNull(name, "user");
    if (!USER.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "not a Reddit username (3-20 letters, digits, '-', '_'): '" + printable(name) + "'");
    }
    return name;
  }

  /** Checks a fullname like {@code t3_abc} and that its kind is one of {@code prefixes}. */
  static String requireFullname(String fullname, String... prefixes) {
    Objects.requireNonNull(fullname, "fullname");
    if (!FULLNAME.matcher(fullname).matches()) {
      throw new IllegalArgumentException("not a Reddit fullname: '" + printable(fullname) + "'");
    }
    for (String prefix : prefixes) {
      if (fullname.startsWith(prefix)) {
        return fullname;
      }
    }
    throw new IllegalArgumentException(
        "expected a fullname starting with " + String.join(" or ", prefixes) + ": " + fullname);
  }

  static int requireLimit(int limit) {
    if (limit < 1 || limit > 100) {
      throw new IllegalArgumentException("limit must be 1..100, was " + limit);
    }
    return limit;
  }

  static String stripKind(String fullname) {
    int underscore = fullname.indexOf('_');
    return underscore < 0 ? fullname : fullname.substring(underscore + 1);
  }

  /** Echoes hostile input in an error message without control characters or unbounded length. */
  static String printable(String s) {
    String cleaned = s.replaceAll("\\p{Cntrl}", "?");
    return cleaned.length() <= 60 ? cleaned : cleaned.substring(0, 60) + "...";
  }
}
