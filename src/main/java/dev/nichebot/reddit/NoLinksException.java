package dev.nichebot.reddit;

/** The subreddit takes text posts only, so link and image posts are refused. */
public class NoLinksException extends RedditApiException {
  private static final long serialVersionUID = 1L;

  public NoLinksException(String request, String code, String reason, String field, int status) {
    super(request, code, reason, field, status);
  }
}
