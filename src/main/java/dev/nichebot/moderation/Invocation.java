package dev.nichebot.moderation;

import java.util.List;

/**
 * One command being run: who sent it, in which message, and what they wrote.
 *
 * @param moderator the sender, as Reddit spells the name
 * @param messageFullname the private message ({@code t4_...}) that carried it
 * @param command the parsed command
 */
record Invocation(String moderator, String messageFullname, CommandText command) {

  List<String> args() {
    return command.args();
  }

  /** How the bot records itself as acting for this moderator (bot_state, candidate reasons). */
  String by() {
    return "u/" + moderator;
  }
}
