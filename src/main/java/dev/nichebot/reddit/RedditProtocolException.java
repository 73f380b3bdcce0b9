package dev.nichebot.reddit;

/**
 * Reddit (or whatever answered in its place) sent something this client cannot use: malformed or
 * truncated JSON, a non-JSON content type, an unexpected shape, or a body over the size limit.
 */
public class RedditProtocolException extends RedditException {
  private static final long serialVersionUID = 1L;

  public RedditProtocolException(String message) {
    super(message);
  }

  public RedditProtocolException(String message, Throwable cause) {
    super(message, cause);
  }
}
