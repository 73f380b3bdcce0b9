package dev.nichebot.reddit;

/**
 * Reddit refused to log the bot in. The message says which setting to fix; {@link #reason()} is
 * Reddit's code ({@code invalid_grant}, {@code unauthorized_client}, {@code http_401}, ...).
 */
public class RedditLoginException extends RedditException {
  private static final long serialVersionUID = 1L;

  private final String reason;

  public RedditLoginException(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
