package dev.nichebot.crawl.image;

import dev.nichebot.crawl.FailureReason;
import java.util.Objects;

/** The bytes are not an image nichebot will take; {@link #reason()} says why. */
public final class ImageRejectedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final FailureReason reason;

  public ImageRejectedException(FailureReason reason, String detail) {
    super(reason + ": " + detail);
    this.reason = Objects.requireNonNull(reason);
  }

  public ImageRejectedException(FailureReason reason, String detail, Throwable cause) {
    super(reason + ": " + detail, cause);
    this.reason = Objects.requireNonNull(reason);
  }

  public FailureReason reason() {
    return reason;
  }
}
