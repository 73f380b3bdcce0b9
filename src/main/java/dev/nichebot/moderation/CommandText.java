package dev.nichebot.moderation;

import java.util.List;
import java.util.Locale;

/**
 * One command as a moderator wrote it: the verb (lower case), its words, and the line they came
 * from (to echo back and to read arguments that may contain spaces, like a folder path).
 */
record CommandText(String verb, List<String> args, String line) {

  CommandText {
    verb = verb.toLowerCase(Locale.ROOT);
    args = List.copyOf(args);
  }

  /** The i-th argument in lower case, or "" when absent. */
  String word(int i) {
    return i < args.size() ? args.get(i).toLowerCase(Locale.ROOT) : "";
  }

  /** The line's text after the verb and the first {@code skip} arguments, as written. */
  String rest(int skip) {
    String s = line.strip();
    for (int i = 0; i <= skip; i++) {
      int space = indexOfWhitespace(s);
      if (space < 0) {
        return "";
      }
      s = s.substring(space).strip();
    }
    return s;
  }

  private static int indexOfWhitespace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }
}
