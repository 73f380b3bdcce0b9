package dev.nichebot.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A post title or comment written with fields: {@code {title} (via /u/{author|someone})}. Fields
 * are {@code title author source subreddit id date}; {@code {field|fallback}} gives the text used
 * when the field is missing, and a missing field without fallback renders as nothing. {@code {{}
 * and {@code }}} stand for literal braces.
 *
 * <p>An unknown field or an unclosed brace is refused when the template is parsed (at start-up),
 * never discovered at posting time.
 */
public final class TitleTemplate {
  /** Reddit's limit on a title's length. */
  public static final int MAX_TITLE = 300;

  /** Reddit's limit on a comment's length. */
  public static final int MAX_COMMENT = 10_000;

  /** The fields a template may use. */
  public enum Field {
    TITLE,
    AUTHOR,
    SOURCE,
    SUBREDDIT,
    ID,
    DATE;

    String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private sealed interface Part permits Literal, Placeholder {}

  private record Literal(String text) implements Part {}

  private record Placeholder(Field field, String fallback) implements Part {}

  private final String text;
  private final List<Part> parts;

  private TitleTemplate(String text, List<Part> parts) {
    this.text = text;
    this.parts = List.copyOf(parts);
  }

  /**
   * @throws IllegalArgumentException naming the problem (unknown field, unclosed brace)
   */
  public static TitleTemplate parse(String text) {
    Objects.requireNonNull(text, "template");
    List<Part> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '{' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
        literal.append('{');
        i += 2;
      } else if (c == '}' && i + 1 < text.length() && text.charAt(i + 1) == '}') {
        literal.append('}');
        i += 2;
      } else if (c == '{') {
        int close = text.indexOf('}', i);
        if (close < 0) {
          throw new IllegalArgumentException(
              "unclosed '{' at position " + (i + 1) + " in template '" + text + "'");
        }
        String inside = text.substring(i + 1, close);
        int bar = inside.indexOf('|');
        String name = (bar < 0 ? inside : inside.substring(0, bar)).strip();
        String fallback = bar < 0 ? null : inside.substring(bar + 1);
        Field field = field(name, text);
        if (!literal.isEmpty()) {
          parts.add(new Literal(literal.toString()));
          literal.setLength(0);
        }
        parts.add(new Placeholder(field, fallback));
        i = close + 1;
      } else {
        literal.append(c);
        i++;
      }
    }
    if (!literal.isEmpty()) {
      parts.add(new Literal(literal.toString()));
    }
    return new TitleTemplate(text, parts);
  }

  private static Field field(String name, String template) {
    for (Field f : Field.values()) {
      if (f.id().equals(name.toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    List<String> known = new ArrayList<>();
    for (Field f : Field.values()) {
      known.add("{" + f.id() + "}");
    }
    throw new IllegalArgumentException(
        "unknown field {"
            + name
            + "} in template '"
            + template
            + "'; known fields: "
            + String.join(" ", known));
  }

  /** The template as written. */
  public String text() {
    return text;
  }

  public boolean isBlank() {
    return text.isBlank();
  }

  /**
   * Fills in the fields. Field values are flattened to one line (a title from a feed cannot break
   * the layout); missing or blank values take the fallback, or nothing.
   */
  public String render(Map<Field, String> values) {
    StringBuilder out = new StringBuilder();
    for (Part p : parts) {
      if (p instanceof Literal l) {
        out.append(l.text());
      } else if (p instanceof Placeholder ph) {
        String value = oneLine(values.get(ph.field()));
        out.append(value.isEmpty() ? (ph.fallback() == null ? "" : ph.fallback()) : value);
      }
    }
    return out.toString();
  }

  /**
   * The title to post: the rendered template on one line, runs of spaces collapsed, or {@code
   * defaultTitle} when that leaves nothing; at most {@link #MAX_TITLE} characters, never cutting a
   * character in half.
   */
  public String title(Map<Field, String> values, String defaultTitle) {
    String title = oneLine(render(values));
    if (title.isEmpty()) {
      title = oneLine(defaultTitle);
    }
    return cut(title, MAX_TITLE).strip();
  }

  /** The comment to post, or an empty string for none; at most {@link #MAX_COMMENT} characters. */
  public String comment(Map<Field, String> values) {
    String comment = render(values).strip();
    return cut(comment, MAX_COMMENT);
  }

  /**
   * At most {@code max} UTF-16 units, cut on a code-point boundary: a surrogate pair (an emoji) is
   * kept whole or dropped whole. Within the limit by Reddit's count (code points) and by Java's.
   */
  static String cut(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int end = max;
    if (Character.isHighSurrogate(s.charAt(end - 1)) && Character.isLowSurrogate(s.charAt(end))) {
      end--;
    }
    return s.substring(0, end);
  }

  static String oneLine(String s) {
    if (s == null) {
      return "";
    }
    return s.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}\\s]+", " ").strip();
  }

  @Override
  public String toString() {
    return "TitleTemplate[" + text + "]";
  }
}
