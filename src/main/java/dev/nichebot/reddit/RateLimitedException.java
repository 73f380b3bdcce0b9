package dev.nichebot.reddit;

import java.time.Duration;

/**
 * Reddit says the bot is doing that too much: a {@code RATELIMIT} business error ("Try again in 9
 * minutes"), a 429 that outlasted the retry budget, or a pacing wait longer than allowed. {@link
 * #retryAfter()} says when trying again makes sense.
 */
public class RateLimitedException extends RedditApiException {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  public RateLimitedException(
      String request, String code, String reason, String field, int status, Duration retryAfter) {
    super(request, code, withWait(reason, retryAfter), field, status);
    this.retryAfter = retryAfter;
  }

  /** How long to wait before the same action can succeed. */
  public Duration retryAfter() {
    return retryAfter;
  }

  private static String withWait(String reason, Duration wait) {
    String base = reason == null ? "" : reason.strip();
    return (base.isEmpty() ? "" : base + " ") + "(retry after " + wait.toSeconds() + " s)";
  }
}
