package dev.nichebot.reddit;

/** Reddit accepted a native image post but then reported that processing it failed. */
public class MediaPostFailedException extends RedditApiException {
  private static final long serialVersionUID = 1L;

  public MediaPostFailedException(
      String request, String code, String reason, String field, int status) {
    super(request, code, reason, field, status);
  }
}
