package dev.nichebot.reddit;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** What moderation needs: the bot's inbox and who moderates. */
public interface RedditInbox {

  /** Unread inbox items, newest first, without marking them read. {@code limit} is 1..100. */
  List<InboxItem> unread(int limit);

  /** Marks inbox items ({@code t1_...}, {@code t4_...}) read. An empty collection does nothing. */
  void markRead(Collection<String> fullnames);

  /** Replies to a private message ({@code t4_...}); returns the reply as Reddit stored it. */
  InboxItem reply(String messageFullname, String markdown);

  /** Sends a new private message to a user. */
  void compose(String to, String subject, String markdown);

  /** Everyone who moderates the subreddit. */
  List<Moderator> moderators(String subreddit);

  /** The moderator entry of one user, empty if they do not moderate the subreddit. */
  Optional<Moderator> moderator(String subreddit, String user);

  /**
   * Whether the account can act on Reddit: false when Reddit reports it suspended, or does not know
   * it (a deleted or banned account answers 404).
   */
  boolean isActiveAccount(String user);
}
