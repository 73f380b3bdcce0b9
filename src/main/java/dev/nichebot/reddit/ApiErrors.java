package dev.nichebot.reddit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns Reddit's ways of saying "no" into the typed exceptions callers act on. */
final class ApiErrors {
  private static final Pattern WAIT =
      Pattern.compile(
          "\\b(\\d{1,6})\\s*(milliseconds?|ms|seconds?|secs?|minutes?|mins?|hours?)",
          Pattern.CASE_INSENSITIVE);

  /** Used when a RATELIMIT message says no number we can read. */
  static final Duration UNKNOWN_WAIT = Duration.ofMinutes(1);

  private ApiErrors() {}

  /** Throws for a non-empty {@code json.errors} ({@code [[CODE, message, field], ...]}). */
  static void throwIfErrors(JsonNode body, String label, int status) {
    JsonNode errors = body.path("json").path("errors");
    if (!errors.isArray() || errors.isEmpty()) {
      return;
    }
    JsonNode first = errors.get(0);
    String code = first.path(0).isTextual() ? first.path(0).asText() : "UNKNOWN";
    String reason = first.path(1).isTextual() ? first.path(1).asText() : "";
    String field = first.path(2).isTextual() ? first.path(2).asText() : null;
    if (errors.size() > 1) {
      List<String> others = new ArrayList<>();
      for (int i = 1; i < errors.size(); i++) {
        others.add(errors.get(i).path(0).asText("?"));
      }
      reason = reason + " (also: " + String.join(", ", others) + ")";
    }
    throw forCode(label, code, reason, field, status);
  }

  static RedditApiException forCode(
      String label, String code, String reason, String field, int status) {
    return switch (code) {
      case "RATELIMIT" ->
          new RateLimitedException(label, code, reason, field, status, parseWait(reason));
      case "SUBREDDIT_NOEXIST" ->
          new SubredditNotFoundException(label, code, reason, field, status);
      case "SUBREDDIT_NOTALLOWED" -> new NotAllowedException(label, code, reason, field, status);
      case "NO_LINKS" -> new NoLinksException(label, code, reason, field, status);
      default ->
          "title".equals(field) || code.startsWith("SUBMIT_VALIDATION_TITLE")
              ? new TitleRejectedException(label, code, reason, "title", status)
              : new RedditApiException(label, code, reason, field, status);
    };
  }

  /**
   * An error for a non-2xx answer. {@code subreddit} is set for calls about one subreddit, where a
   * 404 or a redirect to search means it does not exist.
   */
  static RuntimeException forStatus(
      int status,
      String location,
      String challenge,
      JsonNode body,
      String label,
      String subreddit) {
    String reason = Json.nonBlank(body, "reason").orElse(null);
    String message =
        Json.nonBlank(body, "explanation")
            .or(() -> Json.nonBlank(body, "quarantine_message"))
            .or(() -> Json.nonBlank(body, "message"))
            .orElse("");
    if (status >= 300 && status < 400) {
      String target = location == null ? "?" : location;
      if (subreddit != null && target.contains("/subreddits/search")) {
        return new SubredditNotFoundException(
            label,
            "SUBREDDIT_NOEXIST",
            "r/" + subreddit + " does not exist (Reddit redirected to search)",
            null,
            status);
      }
      return new RedditApiException(label, "REDIRECT", "redirected to " + target, null, status);
    }
    JsonNode errors = body.path("json").path("errors");
    if (errors.isArray() && !errors.isEmpty()) {
      throwIfErrors(body, label, status);
    }
    switch (status) {
      case 400 -> {
        if (reason != null && reason.startsWith("SUBMIT_VALIDATION")) {
          Optional<String> field =
              Json.at(body, "fields").path(0).isTextual()
                  ? Optional.of(body.path("fields").path(0).asText())
                  : Optional.empty();
          boolean title = reason.contains("TITLE") || field.map("title"::equals).orElse(false);
          return title
              ? new TitleRejectedException(label, reason, message, "title", status)
              : new RedditApiException(label, reason, message, field.orElse(null), status);
        }
        return new RedditApiException(
            label, reason == null ? "400" : reason, message, null, status);
      }
      case 401 -> {
        return new RedditLoginException(
            "http_401",
            "Reddit rejected the bot's access token for " + label + " even after renewing it");
      }
      case 403 -> {
        String code = reason;
        if (code == null && challenge != null && challenge.contains("insufficient_scope")) {
          code = "insufficient_scope";
          message = "the token lacks the scope for this call";
        }
        return new NotAllowedException(label, code == null ? "403" : code, message, null, status);
      }
      case 404 -> {
        if (subreddit != null) {
          return new SubredditNotFoundException(
              label,
              reason == null ? "404" : reason.toUpperCase(Locale.ROOT),
              "r/" + subreddit + " was not found" + (message.isEmpty() ? "" : " (" + message + ")"),
              null,
              status);
        }
        return new RedditApiException(label, "404", message, null, status);
      }
      case 429 -> {
        return new RateLimitedException(label, "429", message, null, status, UNKNOWN_WAIT);
      }
      default -> {
        if (status >= 500) {
          return new RedditUnavailableException(
              "Reddit answered HTTP "
                  + status
                  + " to "
                  + label
                  + "; not repeated automatically because it may have been processed",
              1,
              null);
        }
        return new RedditApiException(label, String.valueOf(status), message, null, status);
      }
    }
  }

  /** "Try again in 9 minutes." → 9 min; sums several units; {@link #UNKNOWN_WAIT} if none. */
  static Duration parseWait(String message) {
    Matcher m = WAIT.matcher(message == null ? "" : message);
    Duration total = Duration.ZERO;
    boolean found = false;
    while (m.find()) {
      long n = Long.parseLong(m.group(1));
      String unit = m.group(2).toLowerCase(Locale.ROOT);
      found = true;
      if (unit.startsWith("h")) {
        total = total.plusHours(n);
      } else if (unit.startsWith("mi") && !unit.startsWith("mil")) {
        total = total.plusMinutes(n);
      } else if (unit.startsWith("s")) {
        total = total.plusSeconds(n);
      } else {
        total = total.plusMillis(n);
      }
    }
    return found ? total : UNKNOWN_WAIT;
  }
}
