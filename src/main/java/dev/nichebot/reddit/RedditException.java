package dev.nichebot.reddit;

/**
 * Anything that went wrong talking to Reddit. Subtypes say what a caller can do about it; the
 * message never contains a credential or token.
 */
public class RedditException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RedditException(String message) {
    super(message);
  }

  public RedditException(String message, Throwable cause) {
    super(message, cause);
  }
}
