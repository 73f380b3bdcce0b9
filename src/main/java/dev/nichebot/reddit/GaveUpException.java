package dev.nichebot.reddit;

import java.io.IOException;
import java.time.Duration;

/**
 * Thrown inside the OkHttp chain when retrying stopped: the attempt or time budget ran out, or a
 * wait (429 {@code retry-after}, pacing) would exceed it. The client turns it into a {@link
 * RateLimitedException} or {@link RedditUnavailableException}.
 */
final class GaveUpException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final int attempts;
  private final Duration delay;

  GaveUpException(String message, int status, int attempts, Duration wait, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.attempts = attempts;
    this.delay = wait;
  }

  /** The last HTTP status, or 0 when the last attempt failed on the network. */
  int status() {
    return status;
  }

  int attempts() {
    return attempts;
  }

  /** The wait Reddit asked for (or pacing needed) that did not fit the budget. */
  Duration delay() {
    return delay;
  }
}
