package dev.nichebot.reddit;

/** The account may not do this there (restricted, private, quarantined, banned, missing scope). */
public class NotAllowedException extends RedditApiException {
  private static final long serialVersionUID = 1L;

  public NotAllowedException(String request, String code, String reason, String field, int status) {
    super(request, code, reason, field, status);
  }
}
