package dev.nichebot.moderation;

import dev.nichebot.reddit.InboxItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the command in a private message: the subject, or else the first non-blank line of the
 * body; case-insensitive, a leading {@code !} optional. Reddit's {@code re: } on replies in a
 * thread is ignored.
 */
final class CommandParser {
  static final Set<String> VERBS =
      Set.of(
          "help",
          "status",
          "pause",
          "resume",
          "post",
          "skip",
          "remove",
          "threshold",
          "source",
          "block",
          "queue",
          "undo");
  private static final int MAX_LINE = 500;

  private CommandParser() {}

  /** The command in the message; its verb is not one of {@link #VERBS} when there is none. */
  static CommandText parse(InboxItem item) {
    CommandText fromSubject = parseLine(stripReplyPrefix(item.subject().orElse("")));
    if (isCommand(fromSubject)) {
      return fromSubject;
    }
    CommandText fromBody = parseLine(firstLine(item.body().orElse("")));
    if (isCommand(fromBody)) {
      return fromBody;
    }
    // Neither is a command: echo the subject, where a command is usually written.
    return fromSubject.line().isBlank() ? fromBody : fromSubject;
  }

  static boolean isCommand(CommandText command) {
    return VERBS.contains(command.verb());
  }

  static CommandText parseLine(String raw) {
    String line = raw.strip();
    if (line.length() > MAX_LINE) {
      line = line.substring(0, MAX_LINE);
    }
    // Markdown a moderator may wrap a command in: `pause`, **pause**.
    line = strip(line, "`*").strip();
    if (line.startsWith("!")) {
      line = line.substring(1).strip();
    }
    List<String> words = new ArrayList<>(List.of(line.split("\\s+")));
    words.removeIf(String::isEmpty);
    String verb = words.isEmpty() ? "" : words.remove(0).toLowerCase(Locale.ROOT);
    return new CommandText(verb, words, line);
  }

  private static String stripReplyPrefix(String subject) {
    String s = subject.strip();
    while (s.regionMatches(true, 0, "re:", 0, 3)) {
      s = s.substring(3).strip();
    }
    return s;
  }

  private static String firstLine(String body) {
    for (String line : body.split("\\R")) {
      if (!line.isBlank()) {
        return line;
      }
    }
    return "";
  }

  private static String strip(String s, String chars) {
    int from = 0;
    int to = s.length();
    while (from < to && chars.indexOf(s.charAt(from)) >= 0) {
      from++;
    }
    while (to > from && chars.indexOf(s.charAt(to - 1)) >= 0) {
      to--;
    }
    return s.substring(from, to);
  }
}
