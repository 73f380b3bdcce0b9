package dev.nichebot.moderation;

/**
 * Plain Markdown for replies. Text that came from outside (titles, a moderator's arguments) is
 * echoed on one line, shortened, and unable to open links or formatting.
 */
final class Md {
  private Md() {}

  /** Inline code: {@code `text`}, with backticks and line breaks removed. */
  static String code(String text) {
    String s = oneLine(text, 80).replace("`", "'");
    return s.isEmpty() ? "``" : "`" + s + "`";
  }

  /** Text placed inside a line, with Markdown's inline formatting characters escaped. */
  static String text(String text, int max) {
    String s = oneLine(text, max);
    StringBuilder out = new StringBuilder(s.length() + 8);
    for (char c : s.toCharArray()) {
      if ("\\`*_~^[]()<>|".indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  static String oneLine(String text, int max) {
    if (text == null) {
      return "";
    }
    String s = text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
