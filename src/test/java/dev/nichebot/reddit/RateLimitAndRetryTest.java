package dev.nichebot.reddit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pacing from x-ratelimit-*, 429 handling and retries, all on a fake clock (no real sleeps). */
class RateLimitAndRetryTest {
  private final FakeReddit reddit = new FakeReddit();
  private RedditClient client = reddit.client();

  @AfterEach
  void stop() {
    client.close();
    reddit.close();
  }

  private static String me() {
    return Fixtures.local("json_errors_none.json")
        .replace("{\"json\"", "{\"name\": \"nichebot_test_bot\", \"json\"");
  }

  private static MockResponse ok(String remaining, String reset) {
    return new MockResponse.Builder()
        .code(200)
        .setHeader("content-type", "application/json; charset=UTF-8")
        .setHeader("x-ratelimit-remaining", remaining)
        .setHeader("x-ratelimit-reset", reset)
        .setHeader("x-ratelimit-used", "998")
        .body(me())
        .build();
  }

  @Test
  void callsUnderRemaining2Reset10ArePacedAcrossTheWindow() {
    reddit.answer(ok("2", "10")); // 2 left for 10 s: one every 5 s
    reddit.answer(ok("1.0", "5")); // float form, as Reddit sends it since 2016
    reddit.answer(ok("997.0", "600")); // a new window: 600 s / 997
    reddit.answer(ok("996.0", "599"));

    for (int i = 0; i < 4; i++) {
      client.me();
    }

    assertThat(reddit.time.sleeps())
        .containsExactly(
            Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofNanos(600_000_000_000L / 997));
  }

  @Test
  void nothingRemainingWaitsForTheReset() {
    reddit.answer(ok("0.0", "7"));
    reddit.answer(ok("999.0", "600"));

    client.me();
    client.me();

    assertThat(reddit.time.sleeps()).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void aPacingWaitLongerThanAllowedIsRefusedWithoutSending() {
    reddit.answer(ok("0", "600"));
    client.me();

    assertThatThrownBy(client::me)
        .isInstanceOfSatisfying(
            RateLimitedException.class,
            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(600)))
        .hasMessageContaining("longer than the allowed 120 s");
    assertThat(reddit.api.getRequestCount()).isEqualTo(1);
    assertThat(reddit.time.sleeps()).isEmpty();
  }

  @Test
  void a429HtmlPageWithRetryAfter4Waits4SecondsThenSucceeds() {
    reddit.answer(
        new MockResponse.Builder()
            .code(429)
            .setHeader("content-type", "text/html; charset=UTF-8")
            .setHeader("retry-after", "4")
            .body(Fixtures.local("too_many_requests.html"))
            .build());
    reddit.answer(Fixtures.json(me()));

    assertThat(client.me().name()).isEqualTo("nichebot_test_bot");

    assertThat(reddit.time.sleeps()).containsExactly(Duration.ofSeconds(4));
    assertThat(reddit.api.getRequestCount()).isEqualTo(2);
  }

  @Test
  void a429JsonWithoutRetryAfterBacksOff() {
    reddit.answer(Fixtures.json(429, "{\"message\": \"Too Many Requests\", \"error\": 429}"));
    reddit.answer(Fixtures.json(me()));

    client.me();

    assertThat(reddit.time.sleeps())
        .singleElement()
        .satisfies(d -> assertThat(d).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1)));
  }

  @Test
  void a429AskingToWaitBeyondTheBudgetGivesUpAtOnceWithTheWait() {
    reddit.answer(
        new MockResponse.Builder()
            .code(429)
            .setHeader("retry-after", "600")
            .setHeader("content-type", "text/html")
            .body(Fixtures.local("too_many_requests.html"))
            .build());

    assertThatThrownBy(client::me)
        .isInstanceOfSatisfying(
            RateLimitedException.class,
            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(600)));
    assertThat(reddit.time.sleeps()).isEmpty();
    assertThat(reddit.api.getRequestCount()).isEqualTo(1);
  }

  @Test
  void a502TwiceThen200SucceedsAfterTwoGrowingBackoffs() {
    Fixtures.Recorded badGateway = Fixtures.recorded("error_502_empty_body_2016.json");
    reddit.answer(badGateway.response());
    reddit.answer(badGateway.response());
    reddit.answer(Fixtures.json(me()));

    assertThat(client.me().name()).isEqualTo("nichebot_test_bot");

    List<Duration> sleeps = reddit.time.sleeps();
    assertThat(sleeps).hasSize(2);
    assertThat(sleeps.get(0)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
    assertThat(sleeps.get(1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  @Test
  void a502ForeverGivesUpAfterTheAttemptBoundWithAClearError() {
    client = reddit.client(reddit.settings().maxAttempts(4).build());
    Fixtures.Recorded badGateway = Fixtures.recorded("error_502_empty_body_2016.json");
    for (int i = 0; i < 10; i++) {
      reddit.answer(badGateway.response());
    }

    assertThatThrownBy(client::me)
        .isInstanceOfSatisfying(
            RedditUnavailableException.class, e -> assertThat(e.attempts()).isEqualTo(4))
        .hasMessageContaining("answered 502")
        .hasMessageContaining("GET /api/v1/me")
        .hasMessageContaining("gave up after 4 attempts");
    assertThat(reddit.api.getRequestCount()).isEqualTo(4);
    assertThat(reddit.time.sleeps()).hasSize(3);
  }

  @Test
  void retryingStopsWhenTheNextWaitWouldPassTheTimeBound() {
    client =
        reddit.client(
            reddit
                .settings()
                .backoff(Duration.ofSeconds(2), Duration.ofSeconds(30))
                .maxRetryTime(Duration.ofMillis(2500))
                .build());
    Fixtures.Recorded unavailable = Fixtures.recorded("error_503_empty_body_2016.json");
    for (int i = 0; i < 10; i++) {
      reddit.answer(unavailable.response());
    }

    assertThatThrownBy(client::me)
        .isInstanceOf(RedditUnavailableException.class)
        .hasMessageContaining("answered 503")
        .hasMessageContaining("gave up after 2 attempts");
    assertThat(reddit.api.getRequestCount()).isEqualTo(2);
  }

  @Test
  void cloudflare520And522AreRetriedToo() {
    reddit.answer(Fixtures.json(520, "{}"));
    reddit.answer(Fixtures.json(522, "{}"));
    reddit.answer(Fixtures.json(me()));

    client.me();

    assertThat(reddit.api.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aDroppedConnectionIsRetried() {
    reddit.answer(
        new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    reddit.answer(Fixtures.json(me()));

    assertThat(client.me().name()).isEqualTo("nichebot_test_bot");
    assertThat(reddit.time.sleeps()).hasSize(1);
  }

  @Test
  void aSubmitOrMessageIsNotRepeatedAfterA5xxBecauseItMayHaveBeenProcessed() {
    reddit.answer(Fixtures.recorded("error_502_empty_body_2016.json").response());
    reddit.answer(Fixtures.json(Fixtures.local("json_errors_none.json")));

    assertThatThrownBy(() -> client.compose("someone", "hello", "text"))
        .isInstanceOf(RedditUnavailableException.class)
        .hasMessageContaining("HTTP 502")
        .hasMessageContaining("may have been processed");
    assertThat(reddit.api.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aSubmitIsRepeatedAfterA429BecauseRedditDidNotProcessIt() {
    reddit.answer(Fixtures.json(429, "{\"message\": \"Too Many Requests\", \"error\": 429}"));
    reddit.answer(Fixtures.recorded("compose_message_2016.json").response());

    client.compose("subreddit_stats", "PRAW test", "This is a test from PRAW");

    assertThat(reddit.api.getRequestCount()).isEqualTo(2);
  }

  @Test
  void idempotentPostsAreRetriedAfterA5xx() {
    reddit.answer(Fixtures.recorded("error_503_empty_body_2016.json").response());
    reddit.answer(Fixtures.recorded("inbox_read_message_2025.json").response());

    client.markRead(List.of("t4_2r17c8r"));

    assertThat(reddit.api.getRequestCount()).isEqualTo(2);
  }
}
