package dev.nichebot.reddit;

import java.util.Collection;
import java.util.List;

/**
 * Where the crawler reads Reddit posts. Each post carries its images: {@link RedditPost#images()}.
 */
public interface RedditPostSource {

  /**
   * One page of a subreddit listing.
   *
   * @param subreddit name without {@code r/} (several joined by {@code +} also work)
   * @param sort which listing
   * @param after the previous page's {@link ListingPage#after()}, or {@code null} for the first
   * @param limit posts per page, 1..100
   * @throws SubredditNotFoundException if the subreddit does not exist
   * @throws NotAllowedException if it is private, quarantined or banned for the bot
   */
  ListingPage listing(String subreddit, ListingSort sort, String after, int limit);

  /** Posts by fullname ({@code t3_...}), at most 100, in the order Reddit returns them. */
  List<RedditPost> posts(Collection<String> fullnames);
}
