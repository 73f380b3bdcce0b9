package dev.nichebot.reddit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One item of the inbox: a private message ({@code t4}) or a reply to the bot's post or comment
 * ({@code t1}).
 *
 * @param fullname {@code t4_...} or {@code t1_...}
 * @param kind message or comment reply
 * @param author the sender; empty when a subreddit sent it (modmail) or the account is deleted
 * @param subreddit the subreddit, for comment replies and messages sent as a subreddit
 * @param subject the subject line
 * @param body the markdown text
 * @param created when it was sent
 * @param unread still marked new
 * @param parent fullname of the message or thing this one answers
 * @param firstMessage fullname of the first message of the thread
 * @param distinguished {@code moderator}, {@code admin}, ...
 * @param context for a comment reply, the path of the comment in context
 */
public record InboxItem(
    String fullname,
    Kind kind,
    Optional<String> author,
    Optional<String> subreddit,
    Optional<String> subject,
    Optional<String> body,
    Optional<Instant> created,
    boolean unread,
    Optional<String> parent,
    Optional<String> firstMessage,
    Optional<String> distinguished,
    Optional<String> context) {

  /** What kind of inbox item. */
  public enum Kind {
    /** A private message, {@code t4}. */
    MESSAGE,
    /** A comment or post reply, {@code t1}. */
    COMMENT_REPLY
  }

  public InboxItem {
    Objects.requireNonNull(fullname, "fullname");
    Objects.requireNonNull(kind, "kind");
  }

  /** A private message (can be answered with {@link RedditInbox#reply}). */
  public boolean isPrivateMessage() {
    return kind == Kind.MESSAGE;
  }

  /** Sent as a subreddit (modmail): no author, the subreddit set. */
  public boolean isFromSubreddit() {
    return author.isEmpty() && subreddit.isPresent();
  }
}
