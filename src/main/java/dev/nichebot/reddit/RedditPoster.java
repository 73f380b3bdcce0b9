package dev.nichebot.reddit;

import java.util.List;

/** What publishing needs from Reddit. */
public interface RedditPoster {

  /** The logged-in account. */
  Account me();

  /** What a subreddit allows the bot (images? links? NSFW?). */
  SubredditAbout about(String subreddit);

  /**
   * Posts a link, a crosspost or a native image. A native image is uploaded to Reddit's media
   * store, submitted, then its URL awaited on Reddit's websocket; if that stays silent, it is
   * looked up among the account's recent submissions.
   *
   * @throws RateLimitedException posting too often; {@link RateLimitedException#retryAfter()}
   * @throws SubredditNotFoundException the subreddit does not exist
   * @throws NotAllowedException the bot may not post there
   * @throws NoLinksException the subreddit takes text posts only
   * @throws TitleRejectedException the subreddit refused the title
   * @throws MediaPostFailedException Reddit reported that processing the image failed
   * @throws SubmissionUnconfirmedException the image post was accepted but could not be found yet:
   *     reconcile with {@link #submitted} later rather than post again
   * @throws RedditUnavailableException Reddit failed or did not answer; the post may exist
   */
  SubmittedPost submit(Submission submission);

  /** Comments on a post ({@code t3_...}) or replies to a comment ({@code t1_...}). */
  PostedComment comment(String parentFullname, String markdown);

  /** The post flairs the bot may choose for a new post in the subreddit. */
  List<FlairChoice> flairChoices(String subreddit);

  /** Sets a post's flair; {@code text} (nullable) only for templates with editable text. */
  void selectFlair(String subreddit, String postFullname, String templateId, String text);

  /**
   * A user's submissions, newest first, to reconcile what was really posted.
   *
   * @param after the previous page's {@link ListingPage#after()}, or {@code null}
   * @param limit 1..100
   */
  ListingPage submitted(String user, String after, int limit);

  /** Deletes one of the bot's own posts or comments. */
  void delete(String fullname);
}
