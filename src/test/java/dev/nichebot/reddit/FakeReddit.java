package dev.nichebot.reddit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;

/**
 * Reddit played on loopback: an API server, a login server and a media server (S3 + websocket),
 * each a MockWebServer answering from a script, plus a fake clock.
 */
final class FakeReddit implements AutoCloseable {
  static final String CLIENT_ID = "cl13nt-1d-Q7";
  static final String CLIENT_SECRET = "s3cr3t-Vv93-abc";
  static final String PASSWORD = "hunter2-Pa55-xyz";
  static final String USERNAME = "nichebot_test_bot";
  static final String USER_AGENT = "jvm:dev.nichebot:0.1.0 (by /u/nichebot_test_bot)";
  static final String TOKEN_PREFIX = "tok-Zq81-TESTTOKEN-";

  final FakeTime time = new FakeTime();
  final MockWebServer api = new MockWebServer();
  final MockWebServer auth = new MockWebServer();
  final MockWebServer media = new MockWebServer();
  final Script apiScript = new Script(r -> unexpected(r));
  final Script authScript;
  final Script mediaScript = new Script(r -> unexpected(r));
  private final AtomicInteger logins = new AtomicInteger();

  /** The app's shared client: it refuses to resolve any name but localhost. */
  final OkHttpClient shared =
      new OkHttpClient.Builder()
          .dns(
              host -> {
                if (!host.equals("localhost")) {
                  throw new UnknownHostException("tests stay on loopback, refused " + host);
                }
                return List.of(InetAddress.getLoopbackAddress());
              })
          .build();

  FakeReddit() {
    authScript =
        new Script(
            r ->
                Fixtures.json(
                    Fixtures.local("token.json")
                        .replace("tok-Zq81-TESTTOKEN", TOKEN_PREFIX + logins.incrementAndGet())));
    try {
      for (MockWebServer server : List.of(api, auth, media)) {
        server.start(InetAddress.getLoopbackAddress(), 0);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    api.setDispatcher(apiScript);
    auth.setDispatcher(authScript);
    media.setDispatcher(mediaScript);
  }

  RedditSettings.Builder settings() {
    return RedditSettings.builder()
        .authUrl(auth.url("/").toString())
        .apiUrl(api.url("/").toString())
        .clientId(Credential.of(CLIENT_ID))
        .clientSecret(Credential.of(CLIENT_SECRET))
        .username(USERNAME)
        .password(Credential.of(PASSWORD))
        .userAgent(USERNAME, "dev.nichebot", "0.1.0")
        .connectTimeout(Duration.ofSeconds(2))
        .readTimeout(Duration.ofSeconds(3))
        .writeTimeout(Duration.ofSeconds(3))
        .mediaPostTimeout(Duration.ofSeconds(3))
        .mediaPostLookups(2, Duration.ofSeconds(10))
        .clock(time)
        .sleeper(time);
  }

  RedditClient client() {
    return client(settings().build());
  }

  RedditClient client(RedditSettings settings) {
    return RedditClient.builder(settings).httpClient(shared).build();
  }

  /** Queues an answer on the API server. */
  void answer(MockResponse response) {
    apiScript.queue.add(response);
  }

  RecordedRequest takeApi() {
    return take(api);
  }

  RecordedRequest takeAuth() {
    return take(auth);
  }

  RecordedRequest takeMedia() {
    return take(media);
  }

  static RecordedRequest take(MockWebServer server) {
    try {
      RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
      assertThat(request).as("a request reached " + server.url("/")).isNotNull();
      return request;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static String body(RecordedRequest request) {
    return request.getBody() == null ? "" : request.getBody().utf8();
  }

  static Map<String, String> form(RecordedRequest request) {
    return Fixtures.form(body(request));
  }

  /** Checks what every API request must carry. */
  static void assertApiRequest(RecordedRequest request, String method, String path) {
    assertThat(request.getMethod()).isEqualTo(method);
    assertThat(request.getUrl().encodedPath()).isEqualTo(path);
    assertThat(request.getUrl().queryParameter("raw_json")).isEqualTo("1");
    assertThat(request.getHeaders().get("Authorization")).startsWith("bearer " + TOKEN_PREFIX);
    assertThat(request.getHeaders().get("User-Agent")).isEqualTo(USER_AGENT);
  }

  private static MockResponse unexpected(RecordedRequest request) {
    return Fixtures.json(
        418,
        "{\"message\": \"nothing scripted for "
            + request.getMethod()
            + " "
            + request.getUrl().encodedPath()
            + "\", \"error\": 418}");
  }

  @Override
  public void close() {
    shared.dispatcher().executorService().shutdownNow();
    shared.connectionPool().evictAll();
    for (MockWebServer server : List.of(api, auth, media)) {
      server.close();
    }
  }

  /** Answers from a queue, then from a fallback; can watch requests as they arrive. */
  static final class Script extends Dispatcher {
    final Deque<MockResponse> queue = new ConcurrentLinkedDeque<>();
    private final Function<RecordedRequest, MockResponse> fallback;
    volatile Consumer<RecordedRequest> onRequest = r -> {};

    Script(Function<RecordedRequest, MockResponse> fallback) {
      this.fallback = fallback;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      onRequest.accept(request);
      MockResponse next = queue.poll();
      return next != null ? next : fallback.apply(request);
    }
  }
}
