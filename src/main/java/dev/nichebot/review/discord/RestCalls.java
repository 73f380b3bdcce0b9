package dev.nichebot.review.discord;

import dev.nichebot.review.ReviewChannelException;
import dev.nichebot.review.ReviewChannelException.Reason;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InsufficientPermissionException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.requests.RestAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one Discord REST call to completion: waits at most the configured time, retries server
 * errors (JDA itself retries only 502-504 and 52x, not 500, nor a failed connection), and turns
 * every failure into a {@link ReviewChannelException} with a reason the caller can act on.
 *
 * <p>Retrying is only safe for idempotent calls, or for message posts that carry the same nonce on
 * every attempt (Discord then returns the first message instead of creating a second): the supplier
 * must build each attempt accordingly.
 */
final class RestCalls {
  private static final Logger LOG = LoggerFactory.getLogger(RestCalls.class);

  /** Where a refusal for lack of permissions is reported. */
  interface PermissionSink {
    void missing(InsufficientPermissionException e);

    void refused(String what);
  }

  private final Duration timeout;
  private final int attempts;
  private final Duration backoff;
  private final PermissionSink permissions;

  RestCalls(Duration timeout, int attempts, Duration backoff, PermissionSink permissions) {
    this.timeout = timeout;
    this.attempts = attempts;
    this.backoff = backoff;
    this.permissions = permissions;
  }

  /**
   * Runs the action built by {@code action} (built anew for each attempt).
   *
   * @param what what the call does, for log lines and exception messages ("posting candidate 42")
   */
  <T> T call(String what, Supplier<? extends RestAction<T>> action) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Duration pause = backoff;
    for (int attempt = 1; ; attempt++) {
      CompletableFuture<T> future = null;
      try {
        future = action.get().submit();
        long remaining = deadline - System.nanoTime();
        return future.get(Math.max(0, remaining), TimeUnit.NANOSECONDS);
      } catch (InsufficientPermissionException e) {
        throw missingPermission(what, e);
      } catch (RejectedExecutionException e) {
        throw new ReviewChannelException(
            Reason.NOT_CONNECTED, "Discord: " + what + ": the client is shutting down", e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof InsufficientPermissionException missing) {
          throw missingPermission(what, missing);
        }
        if (!(cause instanceof ErrorResponseException error)) {
          throw new ReviewChannelException(
              Reason.UNAVAILABLE, "Discord: " + what + " failed: " + cause, cause);
        }
        if (!isServerError(error)) {
          throw refusal(what, error);
        }
        long remaining = deadline - System.nanoTime();
        if (attempt >= attempts || remaining <= pause.toNanos()) {
          throw new ReviewChannelException(
              Reason.UNAVAILABLE,
              "Discord: " + what + " failed after " + attempt + " attempt(s): " + describe(error),
              error);
        }
        LOG.warn(
            "Discord: {} failed ({}), attempt {} of {}; retrying in {} ms",
            what,
            describe(error),
            attempt,
            attempts,
            pause.toMillis());
        sleep(pause, what);
        pause = pause.multipliedBy(2);
      } catch (TimeoutException e) {
        future.cancel(false);
        throw new ReviewChannelException(
            Reason.UNAVAILABLE, "Discord: " + what + " got no answer within " + timeout, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        if (future != null) {
          future.cancel(false);
        }
        throw new ReviewChannelException(
            Reason.UNAVAILABLE, "Discord: " + what + " interrupted", e);
      }
    }
  }

  /** A 5xx answer, or no answer at all (connection refused or reset): worth another attempt. */
  static boolean isServerError(ErrorResponseException error) {
    int status = error.getResponse() == null ? -1 : error.getResponse().code;
    boolean noAnswer = error.getResponse() != null && error.getResponse().getException() != null;
    return status >= 500 || noAnswer;
  }

  private ReviewChannelException refusal(String what, ErrorResponseException error) {
    ErrorResponse response = error.getErrorResponse();
    if (response == ErrorResponse.UNKNOWN_MESSAGE) {
      return new ReviewChannelException(
          Reason.MESSAGE_GONE, "Discord: " + what + ": the message no longer exists", error);
    }
    if (response == ErrorResponse.MISSING_PERMISSIONS || response == ErrorResponse.MISSING_ACCESS) {
      permissions.refused(what);
      return new ReviewChannelException(
          Reason.MISSING_PERMISSION, "Discord: " + what + " refused: " + describe(error), error);
    }
    return new ReviewChannelException(
        Reason.REFUSED, "Discord: " + what + " refused: " + describe(error), error);
  }

  private ReviewChannelException missingPermission(String what, InsufficientPermissionException e) {
    permissions.missing(e);
    return new ReviewChannelException(
        Reason.MISSING_PERMISSION,
        "Discord: "
            + what
            + " needs permission \""
            + PermissionReport.uiName(e.getPermission())
            + "\"",
        e);
  }

  private static String describe(ErrorResponseException error) {
    int status = error.getResponse() == null ? -1 : error.getResponse().code;
    return "HTTP " + status + ", code " + error.getErrorCode() + " " + error.getMeaning();
  }

  private static void sleep(Duration pause, String what) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ReviewChannelException(Reason.UNAVAILABLE, "Discord: " + what + " interrupted", e);
    }
  }
}
