package dev.nichebot.reddit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import okhttp3.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spreads requests over Reddit's rate-limit window as the {@code x-ratelimit-*} headers describe
 * it: with {@code remaining} requests left and the window resetting in {@code reset} seconds, one
 * request may start every {@code reset / remaining} seconds; with none left, the next waits for the
 * reset. The headers are obeyed rather than a constant, because the window has changed over the
 * years (600, then 1000 requests per 10 minutes). Thread-safe: concurrent callers get successive
 * slots.
 */
final class RateLimiter {
  private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

  private final Clock clock;
  private Instant nextSlot = Instant.EPOCH;
  private Duration interval = Duration.ZERO;
  private int inFlight;
  private double remaining = Double.NaN;

  RateLimiter(Clock clock) {
    this.clock = clock;
  }

  /** The wait before a request may start; {@code granted} is false if it exceeds {@code max}. */
  record Slot(Duration delay, boolean granted) {}

  /** Reserves the next slot unless the wait for it is longer than {@code max}. */
  synchronized Slot reserve(Duration max) {
    Instant now = clock.instant();
    Instant start = nextSlot.isAfter(now) ? nextSlot : now;
    Duration wait = Duration.between(now, start);
    if (wait.compareTo(max) > 0) {
      return new Slot(wait, false);
    }
    nextSlot = start.plus(interval);
    inFlight++;
    return new Slot(wait, true);
  }

  /** Learns from a response's headers and frees the caller's slot. */
  synchronized void update(Headers headers) {
    inFlight = Math.max(0, inFlight - 1);
    OptionalDouble left = number(headers.get("x-ratelimit-remaining"));
    OptionalLong reset = seconds(headers.get("x-ratelimit-reset"));
    if (left.isEmpty() || reset.isEmpty()) {
      if (!Double.isNaN(remaining)) {
        remaining -= 1; // count it anyway, the next headers will correct us
      }
      return;
    }
    Instant now = clock.instant();
    Instant resetAt = now.plusSeconds(reset.getAsLong());
    remaining = left.getAsDouble();
    if (remaining < 1) {
      interval = Duration.ZERO;
      nextSlot = later(nextSlot, resetAt);
      log.debug("Rate limit used up; next request at the window reset in {} s", reset.getAsLong());
      return;
    }
    interval = Duration.ofNanos((long) (reset.getAsLong() * 1_000_000_000L / remaining));
    Instant candidate = earlier(now.plus(interval), resetAt);
    // Alone, the fresh headers decide; with others waiting, keep the slots already promised.
    nextSlot = inFlight == 0 ? candidate : later(nextSlot, candidate);
  }

  /** Frees the caller's slot after a request that produced no response. */
  synchronized void release() {
    inFlight = Math.max(0, inFlight - 1);
  }

  /** Holds every request until {@code until} (a 429 asked for it). */
  synchronized void pauseUntil(Instant until) {
    nextSlot = later(nextSlot, until);
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  // "remaining" has been seen both as "992" and as "997.0".
  private static OptionalDouble number(String value) {
    if (value == null) {
      return OptionalDouble.empty();
    }
    try {
      double d = Double.parseDouble(value.strip());
      return Double.isFinite(d) && d >= 0 ? OptionalDouble.of(d) : OptionalDouble.empty();
    } catch (NumberFormatException e) {
      return OptionalDouble.empty();
    }
  }

  private static OptionalLong seconds(String value) {
    OptionalDouble d = number(value);
    // A window never lasts more than an hour; a larger value is garbage, not an order to stall.
    return d.isPresent() && d.getAsDouble() <= 3600
        ? OptionalLong.of((long) Math.ceil(d.getAsDouble()))
        : OptionalLong.empty();
  }
}
