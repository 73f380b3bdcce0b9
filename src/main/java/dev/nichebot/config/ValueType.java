package dev.nichebot.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.quartz.CronExpression;

/**
 * How one configuration value is read from its text. {@link #parse} throws {@link
 * IllegalArgumentException} whose message says what was expected, so the loader can report every
 * problem with the key and the bad value.
 */
public sealed interface ValueType {

  Object parse(String text);

  /** A short phrase for the documentation: what a valid value looks like. */
  String expected();

  record Text() implements ValueType {
    @Override
    public Object parse(String text) {
      return text;
    }

    @Override
    public String expected() {
      return "text";
    }
  }

  record SecretText() implements ValueType {
    @Override
    public Object parse(String text) {
      return Secret.of(text);
    }

    @Override
    public String expected() {
      return "a secret (printed as ***)";
    }
  }

  record Int(long min, long max) implements ValueType {
    @Override
    public Object parse(String text) {
      long value;
      try {
        value = Long.parseLong(text.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(expected());
      }
      if (value < min || value > max) {
        throw new IllegalArgumentException(expected());
      }
      return value;
    }

    @Override
    public String expected() {
      return "a whole number from " + min + " to " + max;
    }
  }

  record Real(double min, double max) implements ValueType {
    @Override
    public Object parse(String text) {
      double value;
      try {
        value = Double.parseDouble(text.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(expected());
      }
      if (!(value >= min && value <= max)) {
        throw new IllegalArgumentException(expected());
      }
      return value;
    }

    @Override
    public String expected() {
      return "a number from " + min + " to " + max;
    }
  }

  /** A number in [min, max] or empty, meaning "decide elsewhere" (for example the model's own). */
  record OptionalReal(double min, double max) implements ValueType {
    @Override
    public Object parse(String text) {
      if (text.isBlank()) {
        return Double.NaN;
      }
      return new Real(min, max).parse(text);
    }

    @Override
    public String expected() {
      return "empty, or a number from " + min + " to " + max;
    }
  }

  record Bool() implements ValueType {
    @Override
    public Object parse(String text) {
      return switch (text.trim().toLowerCase(Locale.ROOT)) {
        case "true", "yes", "on" -> true;
        case "false", "no", "off" -> false;
        default -> throw new IllegalArgumentException(expected());
      };
    }

    @Override
    public String expected() {
      return "true or false";
    }
  }

  record Choice(List<String> choices) implements ValueType {
    public Choice(String... choices) {
      this(List.of(choices));
    }

    @Override
    public Object parse(String text) {
      String value = text.trim().toLowerCase(Locale.ROOT);
      if (!choices.contains(value)) {
        throw new IllegalArgumentException(expected());
      }
      return value;
    }

    @Override
    public String expected() {
      return "one of " + String.join(", ", choices);
    }
  }

  /**
   * Durations like {@code 500ms}, {@code 30s}, {@code 10m}, {@code 1h30m}, {@code 2d} or ISO-8601.
   */
  record Span(Duration min, Duration max) implements ValueType {
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    @Override
    public Object parse(String text) {
      Duration value = parseDuration(text.trim().toLowerCase(Locale.ROOT));
      if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
        throw new IllegalArgumentException(expected());
      }
      return value;
    }

    private static Duration parseDuration(String text) {
      if (text.isEmpty()) {
        return null;
      }
      if (text.startsWith("p")) {
        try {
          return Duration.parse(text.toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
          return null;
        }
      }
      if (text.equals("0")) {
        return Duration.ZERO;
      }
      Matcher m = PART.matcher(text);
      Duration total = Duration.ZERO;
      int end = 0;
      while (m.find()) {
        if (m.start() != end) {
          return null;
        }
        long n = Long.parseLong(m.group(1));
        total =
            total.plus(
                switch (m.group(2)) {
                  case "ms" -> Duration.ofMillis(n);
                  case "s" -> Duration.ofSeconds(n);
                  case "m" -> Duration.ofMinutes(n);
                  case "h" -> Duration.ofHours(n);
                  default -> Duration.ofDays(n);
                });
        end = m.end();
      }
      return end == text.length() ? total : null;
    }

    @Override
    public String expected() {
      return "a duration such as 500ms, 30s, 10m, 1h30m or 2d, from "
          + format(min)
          + " to "
          + format(max);
    }

    private static String format(Duration d) {
      return d.toString().substring(2).toLowerCase(Locale.ROOT);
    }
  }

  /** Sizes like {@code 20MB}, {@code 512KB}, {@code 8MiB} (all binary multiples) or plain bytes. */
  record Size(long min, long max) implements ValueType {
    private static final Pattern SIZE =
        Pattern.compile("(\\d+)\\s*(b|kb|kib|k|mb|mib|m|gb|gib|g)?");

    @Override
    public Object parse(String text) {
      Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
      if (!m.matches()) {
        throw new IllegalArgumentException(expected());
      }
      long n = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "b" : m.group(2);
      long bytes =
          switch (unit.charAt(0)) {
            case 'k' -> n << 10;
            case 'm' -> n << 20;
            case 'g' -> n << 30;
            default -> n;
          };
      if (bytes < min || bytes > max) {
        throw new IllegalArgumentException(expected());
      }
      return bytes;
    }

    @Override
    public String expected() {
      return "a size such as 512KB or 20MB (binary multiples), from "
          + min
          + " to "
          + max
          + " bytes";
    }
  }

  /** A Quartz cron expression: seconds minutes hours day-of-month month day-of-week [year]. */
  record Cron() implements ValueType {
    @Override
    public Object parse(String text) {
      try {
        CronExpression.validateExpression(text.trim());
        return text.trim();
      } catch (ParseException e) {
        throw new IllegalArgumentException(
            expected() + " (" + e.getMessage().replaceAll("\\s+", " ").trim() + ")");
      }
    }

    @Override
    public String expected() {
      return "a Quartz cron expression 'sec min hour day month weekday', e.g. '0 */15 * * * ?'";
    }
  }

  record Url(List<String> schemes) implements ValueType {
    public Url(String... schemes) {
      this(List.of(schemes));
    }

    @Override
    public Object parse(String text) {
      try {
        URI uri = new URI(text.trim());
        if (uri.getScheme() == null
            || !schemes.contains(uri.getScheme().toLowerCase(Locale.ROOT))
            || uri.getHost() == null) {
          throw new IllegalArgumentException(expected());
        }
        return uri;
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(expected());
      }
    }

    @Override
    public String expected() {
      return "an absolute " + String.join(" or ", schemes) + " URL";
    }
  }

  /** A comma-separated list; blanks are dropped. */
  record TextList() implements ValueType {
    @Override
    public Object parse(String text) {
      return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    @Override
    public String expected() {
      return "a comma-separated list";
    }
  }

  record FilePath() implements ValueType {
    @Override
    public Object parse(String text) {
      try {
        return Path.of(text.trim());
      } catch (InvalidPathException e) {
        throw new IllegalArgumentException("a file system path");
      }
    }

    @Override
    public String expected() {
      return "a file system path";
    }
  }
}
