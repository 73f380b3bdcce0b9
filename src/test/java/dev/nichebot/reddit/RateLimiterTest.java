package dev.nichebot.reddit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private final FakeTime time = new FakeTime();
  private final RateLimiter limiter = new RateLimiter(time);
  private static final Duration MAX = Duration.ofMinutes(10);

  private static Headers window(String remaining, String reset) {
    return Headers.of(
        "x-ratelimit-remaining", remaining, "x-ratelimit-reset", reset, "x-ratelimit-used", "1");
  }

  @Test
  void concurrentCallersGetSuccessiveSlots() {
    limiter.reserve(MAX);
    limiter.update(window("10", "10")); // one per second

    Duration first = limiter.reserve(MAX).delay();
    Duration second = limiter.reserve(MAX).delay();
    Duration third = limiter.reserve(MAX).delay();

    assertThat(first).isEqualTo(Duration.ofSeconds(1));
    assertThat(second).isEqualTo(Duration.ofSeconds(2));
    assertThat(third).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void missingOrGarbageHeadersChangeNothing() {
    limiter.reserve(MAX);
    limiter.update(Headers.of());
    assertThat(limiter.reserve(MAX).delay()).isZero();
    limiter.update(window("lots", "soon"));
    assertThat(limiter.reserve(MAX).delay()).isZero();
    limiter.update(window("0", "999999")); // an absurd reset is not an order to stall
    assertThat(limiter.reserve(MAX).delay()).isZero();
  }

  @Test
  void aPauseHoldsEveryone() {
    limiter.pauseUntil(time.instant().plusSeconds(4));
    assertThat(limiter.reserve(MAX).delay()).isEqualTo(Duration.ofSeconds(4));
    RateLimiter.Slot refused = limiter.reserve(Duration.ofSeconds(1));
    assertThat(refused.granted()).isFalse();
  }
}
