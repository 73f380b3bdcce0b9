package dev.nichebot.reddit;

import java.util.Optional;

/**
 * Reddit understood the request and said no: a {@code json.errors} entry, a submit validation
 * error, or an HTTP error status. {@link #code()} is Reddit's code ({@code USER_REQUIRED}, {@code
 * SUBMIT_VALIDATION_FLAIR_REQUIRED}, or the HTTP status like {@code "404"}).
 */
public class RedditApiException extends RedditException {
  private static final long serialVersionUID = 1L;

  private final String code;
  private final String reason;
  private final String field;
  private final int httpStatus;

  public RedditApiException(String request, String code, String reason, String field, int status) {
    super(describe(request, code, reason, field, status));
    this.code = code;
    this.reason = reason == null ? "" : reason;
    this.field = field;
    this.httpStatus = status;
  }

  /** Reddit's error code, or the HTTP status as text when there is no code. */
  public String code() {
    return code;
  }

  /** Reddit's human-readable explanation (may be empty). */
  public String reason() {
    return reason;
  }

  /** The form field Reddit blamed, when it named one. */
  public Optional<String> field() {
    return Optional.ofNullable(field);
  }

  public int httpStatus() {
    return httpStatus;
  }

  private static String describe(
      String request, String code, String reason, String field, int status) {
    StringBuilder s =
        new StringBuilder("Reddit refused ").append(request).append(": ").append(code);
    if (reason != null && !reason.isBlank()) {
      s.append(": ").append(reason.strip());
    }
    if (field != null && !field.isBlank()) {
      s.append(" (field ").append(field).append(')');
    }
    s.append(" [HTTP ").append(status).append(']');
    return s.toString();
  }
}
