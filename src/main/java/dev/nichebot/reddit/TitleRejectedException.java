package dev.nichebot.reddit;

/** The subreddit rejected the title (blocked words, length, required text): change the title. */
public class TitleRejectedException extends RedditApiException {
  private static final long serialVersionUID = 1L;

  public TitleRejectedException(
      String request, String code, String reason, String field, int status) {
    super(request, code, reason, field, status);
  }
}
