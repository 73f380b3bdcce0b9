package dev.nichebot.reddit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Broken answers end in a clear {@link RedditException} within the configured timeouts, never a
 * hang or an unchecked surprise in the caller.
 */
class FaultsTest {
  /** Far above what any test below needs: only there to turn a hang into a failure. */
  private static final Duration HANG = Duration.ofSeconds(20);

  private final FakeReddit reddit = new FakeReddit();
  private RedditClient client = reddit.client();

  @AfterEach
  void stop() {
    client.close();
    reddit.close();
  }

  private ListingPage listing() {
    return client.listing("pics", ListingSort.NEW, null, 100);
  }

  @Test
  void truncatedJson() {
    reddit.answer(Fixtures.json(Fixtures.local("listing_truncated.json")));

    assertThatThrownBy(this::listing)
        .isInstanceOf(RedditProtocolException.class)
        .hasMessageContaining("malformed or truncated JSON from GET /r/pics/new");
  }

  @Test
  void connectionCutInTheMiddleOfTheBody() {
    String body = Fixtures.recorded("listing_r_all_new_2021_subset.json").body();
    reddit.answer(
        new MockResponse.Builder()
            .setHeader("content-type", "application/json")
            .body(body)
            .onResponseBody(new SocketEffect.CloseSocket())
            .build());

    assertThatThrownBy(this::listing)
        .isInstanceOf(RedditUnavailableException.class)
        .hasMessageContaining("GET /r/pics/new");
  }

  @Test
  void wrongContentType() {
    reddit.answer(
        new MockResponse.Builder()
            .code(200)
            .setHeader("content-type", "text/html; charset=UTF-8")
            .body(Fixtures.local("maintenance.html"))
            .build());

    assertThatThrownBy(this::listing)
        .isInstanceOf(RedditProtocolException.class)
        .hasMessageContaining("expected JSON from GET /r/pics/new but got text/html")
        .hasMessageContaining("Our CDN was unable to reach our servers");
  }

  @Test
  void jsonOfTheWrongShapeOrEmpty() {
    reddit.answer(Fixtures.json("[]"));
    reddit.answer(Fixtures.json(""));
    reddit.answer(Fixtures.json("{\"kind\": \"t5\", \"data\": {}}"));

    assertThatThrownBy(this::listing)
        .isInstanceOf(RedditProtocolException.class)
        .hasMessageContaining("expected a Listing");
    assertThatThrownBy(this::listing)
        .isInstanceOf(RedditProtocolException.class)
        .hasMessageContaining("expected a JSON object");
    assertThatThrownBy(this::listing)
        .isInstanceOf(RedditProtocolException.class)
        .hasMessageContaining("expected a Listing");
  }

  @Test
  void tenMegabyteResponseIsRefused() {
    StringBuilder huge =
        new StringBuilder("{\"kind\": \"Listing\", \"data\": {\"children\": [], \"x\": \"");
    huge.append("a".repeat(10_000_000)).append("\"}}");
    reddit.answer(Fixtures.json(huge.toString()));
    reddit.answer(
        new MockResponse.Builder()
            .setHeader("content-type", "application/json")
            .chunkedBody(new Buffer().writeUtf8(huge.toString()), 64 * 1024)
            .build());

    // Declared length: refused before reading.
    assertThatThrownBy(this::listing)
        .isInstanceOf(RedditProtocolException.class)
        .hasMessageContaining("too large (100000")
        .hasMessageContaining("limit is 8388608 bytes");
    // Chunked, no length: refused once past the limit while reading.
    assertThatThrownBy(this::listing)
        .isInstanceOf(RedditProtocolException.class)
        .hasMessageContaining("too large (more than 8388608 bytes");
  }

  @Test
  void aServerThatAcceptsAndNeverAnswers() {
    client.close();
    client =
        reddit.client(reddit.settings().readTimeout(Duration.ofMillis(400)).maxAttempts(2).build());
    MockResponse silent =
        new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
    reddit.answer(silent);
    reddit.answer(silent);

    RedditUnavailableException e =
        assertTimeoutPreemptively(
            HANG,
            () ->
                org.junit.jupiter.api.Assertions.assertThrows(
                    RedditUnavailableException.class, this::listing));

    assertThat(e)
        .hasMessageContaining("did not answer in time")
        .hasMessageContaining("GET /r/pics/new")
        .hasMessageContaining("gave up after 2 attempts");
    assertThat(e.attempts()).isEqualTo(2);
    assertThat(reddit.api.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aSubmitThatNeverGetsAnAnswerIsNotRepeated() {
    client = reddit.client(reddit.settings().readTimeout(Duration.ofMillis(400)).build());
    reddit.answer(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

    RedditUnavailableException e =
        assertTimeoutPreemptively(
            HANG,
            () ->
                org.junit.jupiter.api.Assertions.assertThrows(
                    RedditUnavailableException.class,
                    () ->
                        client.submit(
                            Submission.link("pics", "title", "https://example.org/a.jpg"))));

    assertThat(e).hasMessageContaining("did not answer POST /api/submit in time");
    assertThat(reddit.api.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aLoginEndpointThatNeverAnswers() {
    client =
        reddit.client(reddit.settings().readTimeout(Duration.ofMillis(400)).maxAttempts(2).build());
    MockResponse silent =
        new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
    reddit.authScript.queue.add(silent);
    reddit.authScript.queue.add(silent);

    RedditUnavailableException e =
        assertTimeoutPreemptively(
            HANG,
            () ->
                org.junit.jupiter.api.Assertions.assertThrows(
                    RedditUnavailableException.class, client::me));

    assertThat(e).hasMessageContaining("Could not log in to Reddit");
    assertThat(reddit.api.getRequestCount()).isZero();
  }
}
