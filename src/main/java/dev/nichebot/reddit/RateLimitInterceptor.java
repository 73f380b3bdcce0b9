package dev.nichebot.reddit;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import okhttp3.Interceptor;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Waits for a {@link RateLimiter} slot before each API request and feeds it the headers after. */
final class RateLimitInterceptor implements Interceptor {
  private static final Logger log = LoggerFactory.getLogger(RateLimitInterceptor.class);

  private final RateLimiter limiter;
  private final Sleeper sleeper;
  private final Duration maxWait;

  RateLimitInterceptor(RateLimiter limiter, Sleeper sleeper, Duration maxWait) {
    this.limiter = limiter;
    this.sleeper = sleeper;
    this.maxWait = maxWait;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    String label = chain.request().method() + " " + chain.request().url().encodedPath();
    RateLimiter.Slot slot = limiter.reserve(maxWait);
    if (!slot.granted()) {
      throw new GaveUpException(
          "the rate limit would hold "
              + label
              + " for "
              + slot.delay().toSeconds()
              + " s, longer than the allowed "
              + maxWait.toSeconds()
              + " s",
          429,
          0,
          slot.delay(),
          null);
    }
    if (!slot.delay().isZero()) {
      log.debug("Pacing {}: waiting {} ms for the rate limit", label, slot.delay().toMillis());
      try {
        sleeper.sleep(slot.delay());
      } catch (InterruptedException e) {
        limiter.release();
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while pacing " + label);
      }
    }
    Response response;
    try {
      response = chain.proceed(chain.request());
    } catch (IOException | RuntimeException e) {
      limiter.release();
      throw e;
    }
    limiter.update(response.headers());
    return response;
  }
}
