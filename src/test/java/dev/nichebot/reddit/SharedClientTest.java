package dev.nichebot.reddit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The app's OkHttpClient is reused (connection pool) but never changed. */
class SharedClientTest {
  @Test
  void sharesTheConnectionPoolWithoutAddingInterceptorsToTheSharedClient() {
    try (FakeReddit reddit = new FakeReddit();
        RedditClient client = reddit.client()) {
      reddit.answer(Fixtures.json("{\"name\": \"nichebot_test_bot\"}"));

      client.me();

      assertThat(reddit.shared.interceptors()).isEmpty();
      assertThat(reddit.shared.connectionPool().connectionCount()).isPositive();
      assertThat(reddit.shared.followRedirects())
          .isTrue(); // ours does not follow; theirs still does
    }
  }
}
