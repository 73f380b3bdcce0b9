package dev.nichebot.reddit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ApiErrorsTest {
  @Test
  void rateLimitWaitsAreReadFromRedditsWording() {
    assertThat(ApiErrors.parseWait("You are doing that too much. Try again in 9 minutes."))
        .isEqualTo(Duration.ofMinutes(9));
    assertThat(ApiErrors.parseWait("You are doing that too much. Try again in 30 seconds."))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(ApiErrors.parseWait("Try again in 1 minute.")).isEqualTo(Duration.ofMinutes(1));
    assertThat(ApiErrors.parseWait("Take a break for 2 minutes and 5 seconds"))
        .isEqualTo(Duration.ofSeconds(125));
    assertThat(ApiErrors.parseWait("Try again in 500 milliseconds"))
        .isEqualTo(Duration.ofMillis(500));
    assertThat(ApiErrors.parseWait("Try again in 2 hours")).isEqualTo(Duration.ofHours(2));
    assertThat(ApiErrors.parseWait("Try again later")).isEqualTo(ApiErrors.UNKNOWN_WAIT);
    assertThat(ApiErrors.parseWait("Try again in 99999999999999999999 minutes"))
        .isEqualTo(ApiErrors.UNKNOWN_WAIT);
    assertThat(ApiErrors.parseWait(null)).isEqualTo(ApiErrors.UNKNOWN_WAIT);
  }

  @Test
  void codesMapToTheTypesCallersActOn() {
    assertThat(ApiErrors.forCode("r", "RATELIMIT", "Try again in 6 seconds.", "ratelimit", 200))
        .isInstanceOf(RateLimitedException.class);
    assertThat(ApiErrors.forCode("r", "SUBREDDIT_NOEXIST", "", "sr", 200))
        .isInstanceOf(SubredditNotFoundException.class);
    assertThat(ApiErrors.forCode("r", "SUBREDDIT_NOTALLOWED", "", "sr", 200))
        .isInstanceOf(NotAllowedException.class);
    assertThat(ApiErrors.forCode("r", "NO_LINKS", "", "sr", 200))
        .isInstanceOf(NoLinksException.class);
    assertThat(ApiErrors.forCode("r", "TOO_LONG", "this is too long (max: 300)", "title", 200))
        .isInstanceOf(TitleRejectedException.class);
    assertThat(ApiErrors.forCode("r", "SUBMIT_VALIDATION_TITLE_REQUIREMENT", "", null, 400))
        .isInstanceOf(TitleRejectedException.class);
    assertThat(ApiErrors.forCode("r", "TOO_LONG", "", "text", 200))
        .isExactlyInstanceOf(RedditApiException.class);
  }
}
