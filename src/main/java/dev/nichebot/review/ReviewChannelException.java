package dev.nichebot.review;

import java.util.Objects;

/** A review-channel call that did not do what was asked. The message is safe to log. */
public class ReviewChannelException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the call failed, which tells the caller what to do next. */
  public enum Reason {
    /** Not connected right now: wait for the connection and try again. */
    NOT_CONNECTED(true),
    /** The server failed or did not answer in time, even after retries: try again later. */
    UNAVAILABLE(true),
    /**
     * The bot lacks a permission in the channel (already reported in the log with what to grant).
     */
    MISSING_PERMISSION(false),
    /** The message no longer exists (someone deleted it). */
    MESSAGE_GONE(false),
    /** The card cannot be shown (for example the image cannot be decoded). */
    BAD_CARD(false),
    /** The server refused the request for another reason. */
    REFUSED(false);

    private final boolean transientFailure;

    Reason(boolean transientFailure) {
      this.transientFailure = transientFailure;
    }

    /** Whether trying again later may succeed without anyone changing anything. */
    public boolean isTransient() {
      return transientFailure;
    }
  }

  private final Reason reason;

  public ReviewChannelException(Reason reason, String message) {
    this(reason, message, null);
  }

  public ReviewChannelException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}
