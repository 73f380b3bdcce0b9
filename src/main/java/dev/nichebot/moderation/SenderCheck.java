package dev.nichebot.moderation;

import dev.nichebot.reddit.InboxItem;
import java.util.Optional;

/**
 * Decides who sent an inbox item and whether they may command the bot: only a current moderator,
 * known by the message's author field. A name written in the subject or body counts for nothing.
 */
final class SenderCheck {
  static final String DELETED = "[deleted]";

  /** The decision about one inbox item. */
  sealed interface Verdict permits Moderator, Refused {}

  /** A moderator's private message: run the command. */
  record Moderator(String name) implements Verdict {}

  /**
   * Anything else: no effect.
   *
   * @param actor who to name in the audit log
   * @param reason why it is refused, for the audit log
   * @param stranger a non-moderator's private message, who may get the daily note
   */
  record Refused(String actor, String reason, boolean stranger) implements Verdict {}

  private final ModeratorList moderators;
  private final ActiveAccounts accounts;
  private final String subreddit;
  private final String botUsername;

  SenderCheck(
      ModeratorList moderators, ActiveAccounts accounts, String subreddit, String botUsername) {
    this.moderators = moderators;
    this.accounts = accounts;
    this.subreddit = subreddit;
    this.botUsername = botUsername;
  }

  Verdict check(InboxItem item) {
    Optional<String> author = item.author();
    String actor =
        author.orElseGet(() -> item.subreddit().map(s -> "(" + s + ")").orElse("(none)"));
    if (!item.isPrivateMessage()) {
      return new Refused(actor, "not a private message (a comment reply)", false);
    }
    if (item.isFromSubreddit()) {
      return new Refused(actor, "sent as a subreddit (modmail), not by a person", false);
    }
    if (author.isEmpty()) {
      return new Refused(actor, "no author", false);
    }
    String name = author.get();
    if (name.equalsIgnoreCase(DELETED)) {
      return new Refused(actor, "sent by a deleted account", false);
    }
    if (name.equalsIgnoreCase(botUsername)) {
      return new Refused(actor, "the bot's own message", false);
    }
    Optional<String> moderator = moderators.find(name);
    if (moderator.isEmpty()) {
      return new Refused(name, "u/" + name + " is not a moderator of r/" + subreddit, true);
    }
    if (!accounts.isActive(moderator.get())) {
      return new Refused(
          name, "u/" + name + " is listed as a moderator but suspended or gone", false);
    }
    return new Moderator(moderator.get());
  }
}
