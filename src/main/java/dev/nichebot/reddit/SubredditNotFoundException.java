package dev.nichebot.reddit;

/** The subreddit does not exist (or is banned): do not retry. */
public class SubredditNotFoundException extends RedditApiException {
  private static final long serialVersionUID = 1L;

  public SubredditNotFoundException(
      String request, String code, String reason, String field, int status) {
    super(request, code, reason, field, status);
  }
}
