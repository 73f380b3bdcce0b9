package dev.nichebot.reddit;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries what is worth retrying, within a budget of attempts and total time: 429 (after {@code
 * retry-after}, else a backoff), 500/502/503/504/520/522 and network errors (after an exponential
 * backoff with jitter). A POST that may already have reached Reddit is repeated only if tagged
 * {@link Idempotent}; a 429 means Reddit did not process it, so that is always retried. When the
 * budget is spent it throws {@link GaveUpException}.
 */
final class RetryInterceptor implements Interceptor {
  private static final Logger log = LoggerFactory.getLogger(RetryInterceptor.class);
  private static final Set<Integer> TRANSIENT = Set.of(500, 502, 503, 504, 520, 522);
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");

  private final RedditSettings settings;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RateLimiter limiter; // null where there is no pacing (login, media upload)

  RetryInterceptor(RedditSettings settings, RateLimiter limiter) {
    this.settings = settings;
    this.clock = settings.clock();
    this.sleeper = settings.sleeper();
    this.limiter = limiter;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    String label = request.method() + " " + request.url().encodedPath();
    boolean repeatable =
        SAFE_METHODS.contains(request.method()) || request.tag(Idempotent.class) != null;
    Instant start = clock.instant();
    for (int attempt = 1; ; attempt++) {
      Response response = null;
      IOException failure = null;
      try {
        response = chain.proceed(request);
      } catch (GaveUpException e) {
        throw e; // pacing already decided
      } catch (IOException e) {
        if (chain.call().isCanceled() || !retryable(e, repeatable)) {
          throw e;
        }
        failure = e;
      }
      Duration wait;
      boolean rateLimited = false;
      String what;
      if (response == null) {
        wait = backoff(attempt);
        what =
            failure instanceof SocketTimeoutException
                ? "did not answer in time (" + describe(failure) + ")"
                : "could not be reached (" + describe(failure) + ")";
      } else if (response.code() == 429) {
        rateLimited = true;
        wait = retryAfter(response).orElse(backoff(attempt));
        what = "answered 429 Too Many Requests";
      } else if (TRANSIENT.contains(response.code()) && repeatable) {
        wait = backoff(attempt);
        what = "answered " + response.code();
      } else {
        return response;
      }
      int status = response == null ? 0 : response.code();
      if (response != null) {
        response.close();
      }
      Duration elapsed = Duration.between(start, clock.instant());
      if (attempt >= settings.maxAttempts()
          || elapsed.plus(wait).compareTo(settings.maxRetryTime()) > 0) {
        String message =
            "Reddit "
                + what
                + " for "
                + label
                + "; gave up after "
                + attempt
                + (attempt == 1 ? " attempt" : " attempts")
                + " in "
                + String.format(Locale.ROOT, "%.1f", elapsed.toMillis() / 1000.0)
                + " s"
                + (rateLimited ? " (it asked to wait " + wait.toSeconds() + " s)" : "");
        throw new GaveUpException(message, status, attempt, wait, failure);
      }
      if (rateLimited && limiter != null) {
        limiter.pauseUntil(clock.instant().plus(wait)); // hold everyone else too
      }
      log.warn(
          "Reddit {} for {}; retry {}/{} in {} ms",
          what,
          label,
          attempt,
          settings.maxAttempts() - 1,
          wait.toMillis());
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting to retry " + label);
      }
    }
  }

  /** Exponential backoff with "equal jitter": half fixed, half random, capped. */
  Duration backoff(int attempt) {
    long initial = settings.initialBackoff().toMillis();
    long cap = settings.maxBackoff().toMillis();
    long exponential = initial << Math.min(attempt - 1, 20);
    long base = Math.min(cap, exponential <= 0 ? cap : exponential);
    long half = base / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(base - half + 1));
  }

  private Optional<Duration> retryAfter(Response response) {
    String value = response.header("retry-after");
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      long seconds = Long.parseLong(value.strip());
      return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at =
            ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(clock.instant(), at);
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }

  private static boolean retryable(IOException e, boolean repeatable) {
    if (e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException)) {
      return false; // the thread was interrupted or the call timed out as a whole
    }
    if (repeatable) {
      return true;
    }
    // Never sent: safe to try again even for a submit.
    return e instanceof ConnectException
        || e instanceof UnknownHostException
        || e instanceof NoRouteToHostException;
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
