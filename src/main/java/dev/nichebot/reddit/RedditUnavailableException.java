package dev.nichebot.reddit;

/**
 * Reddit could not be reached or kept failing (5xx, network errors, timeouts) until the retry
 * budget ran out. Trying again later is the right move; for a non-idempotent request (submit,
 * comment, compose) the request may have been processed, so reconcile before repeating it.
 */
public class RedditUnavailableException extends RedditException {
  private static final long serialVersionUID = 1L;

  private final int attempts;

  public RedditUnavailableException(String message, int attempts, Throwable cause) {
    super(message, cause);
    this.attempts = attempts;
  }

  /** How many times the request was tried. */
  public int attempts() {
    return attempts;
  }
}
