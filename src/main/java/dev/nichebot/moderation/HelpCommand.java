package dev.nichebot.moderation;

/** {@code help}, and the answer to anything that is not a command. */
final class HelpCommand implements CommandHandler {
  static final String TEXT =
      "Commands (in the subject or the first line; a leading `!` is optional):\n\n"
          + "- `status`: counts, next post, paused switches, model, last errors\n"
          + "- `pause [crawl|review|publish|all]`, `resume [...]` (default `all`)\n"
          + "- `post now`: post the next approved image\n"
          + "- `queue`: approved images waiting, with ids\n"
          + "- `skip <candidate id>`: take one out of the queue\n"
          + "- `remove <post id>`: delete one of my posts; its image is never posted again\n"
          + "- `threshold <0..1>` (or `threshold default`): review threshold\n"
          + "- `source add|remove <source>`, `source list`: `reddit:<subreddit>[/new|/hot|/top]`"
          + " or `feed:<http(s) url>`\n"
          + "- `block user|domain <name>`: never crawl from them again\n"
          + "- `undo`: revert your last command";

  @Override
  public CommandResult handle(Invocation call) {
    if (call.command().verb().equals("help") || call.command().verb().isEmpty()) {
      return CommandResult.info("help", TEXT);
    }
    return CommandResult.refused(
        "unknown",
        null,
        "not a command",
        "I do not know " + Md.code(call.command().verb()) + ". " + TEXT);
  }
}
