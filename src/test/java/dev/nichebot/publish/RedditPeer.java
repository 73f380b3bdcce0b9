package dev.nichebot.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nichebot.reddit.Credential;
import dev.nichebot.reddit.RedditClient;
import dev.nichebot.reddit.RedditSettings;
import dev.nichebot.testing.SharedFixtures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;

/**
 * Reddit on loopback, with a memory: every accepted submit becomes one of the account's
 * submissions, so reconciling reads what was really posted. Answers are the recorded ones from
 * {@code ../shared/fixtures/reddit} (submit, about, RATELIMIT), adjusted where a test says so.
 */
final class RedditPeer implements AutoCloseable {
  static final String USER = "nichebot_test_bot";
  static final String SUB = "nichebot_test";
  private static final ObjectMapper JSON = new ObjectMapper();

  final MockWebServer server = new MockWebServer();

  /** Every submit that Reddit accepted, as form fields. */
  final List<Map<String, String>> posts = new CopyOnWriteArrayList<>();

  /** Every submit request, accepted or not. */
  final List<Map<String, String>> submitRequests = new CopyOnWriteArrayList<>();

  final List<Map<String, String>> comments = new CopyOnWriteArrayList<>();
  final AtomicInteger aboutCalls = new AtomicInteger();

  /** Answers to the next submits, before any is accepted (RATELIMIT, errors). */
  final java.util.Deque<MockResponse> submitAnswers =
      new java.util.concurrent.ConcurrentLinkedDeque<>();

  volatile ObjectNode about;

  /**
   * Runs when a submit arrives, before Reddit accepts it (a test may kill the bot here); false: the
   * submit is not accepted (the connection dropped first).
   */
  volatile java.util.function.BooleanSupplier onSubmit = () -> true;

  /** Runs after Reddit accepted a submit, before the answer is sent. */
  volatile Runnable onAccepted = () -> {};

  /** Reddit's clock, for the creation time of posts. */
  volatile Clock clock = Clock.systemUTC();

  private final AtomicInteger ids = new AtomicInteger(1000);

  RedditPeer() {
    about = (ObjectNode) recorded("subreddit_about_2023.json").path("response").path("body");
    ((ObjectNode) about.path("data")).put("display_name", SUB);
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest r) {
            return answer(r);
          }
        });
    try {
      server.start(InetAddress.getLoopbackAddress(), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode recorded(String name) {
    try {
      return JSON.readTree(SharedFixtures.file("reddit", name).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The recorded RATELIMIT answer ("Try again in 9 minutes"). */
  static MockResponse rateLimited() {
    return json(200, recorded("synthetic/ratelimit_minutes.json").path("response").path("body"));
  }

  /** About as the account sees it, with one field changed. */
  void aboutSays(String field, Object value) {
    ObjectNode data = (ObjectNode) about.path("data");
    if (value instanceof Boolean b) {
      data.put(field, b);
    } else {
      data.put(field, String.valueOf(value));
    }
  }

  RedditClient client(Clock clock, OkHttpClient http) {
    RedditSettings settings =
        RedditSettings.builder()
            .authUrl(server.url("/").toString())
            .apiUrl(server.url("/").toString())
            .clientId(Credential.of("client-id-1"))
            .clientSecret(Credential.of("client-secret-1"))
            .username(USER)
            .password(Credential.of("password-1"))
            .userAgent(USER, "dev.nichebot", "test")
            .connectTimeout(Duration.ofSeconds(2))
            .readTimeout(Duration.ofSeconds(3))
            .maxAttempts(1)
            .clock(clock)
            .build();
    return RedditClient.builder(settings).httpClient(http).build();
  }

  private MockResponse answer(RecordedRequest r) {
    String path = r.getUrl().encodedPath();
    Map<String, String> form = form(r.getBody() == null ? "" : r.getBody().utf8());
    if (path.endsWith("/api/v1/access_token")) {
      return json(200, resource("/reddit/token.json"));
    }
    if (path.equals("/r/" + SUB + "/about")) {
      aboutCalls.incrementAndGet();
      return json(200, about);
    }
    if (path.equals("/api/submit")) {
      submitRequests.add(form);
      if (!onSubmit.getAsBoolean()) {
        return json(503, "{\"message\": \"connection lost\"}");
      }
      MockResponse scripted = submitAnswers.poll();
      if (scripted != null) {
        return scripted;
      }
      // The recorded answer, with this post's own id.
      ObjectNode body =
          (ObjectNode) recorded("submit_link_2025.json").path("response").path("body");
      String id = "1kh" + Integer.toString(ids.incrementAndGet(), 36);
      ObjectNode data = (ObjectNode) body.path("json").path("data");
      data.put("id", id);
      data.put("name", "t3_" + id);
      data.put("url", "https://www.reddit.com/r/" + SUB + "/comments/" + id + "/post/");
      form.put("_id", id);
      form.put("_created", Double.toString(clock.millis() / 1000.0));
      posts.add(form);
      onAccepted.run();
      return json(200, body);
    }
    if (path.equals("/user/" + USER + "/submitted")) {
      return json(200, submitted());
    }
    if (path.equals("/api/comment")) {
      comments.add(form);
      return json(200, resource("/reddit/comment_on_post.json"));
    }
    return json(418, "{\"message\": \"nothing scripted for " + path + "\", \"error\": 418}");
  }

  /** The account's submissions, newest first: what was really posted. */
  private ObjectNode submitted() {
    ObjectNode listing = JSON.createObjectNode();
    listing.put("kind", "Listing");
    ObjectNode data = listing.putObject("data");
    data.putNull("after");
    ArrayNode children = data.putArray("children");
    for (int i = posts.size() - 1; i >= 0; i--) {
      Map<String, String> p = posts.get(i);
      ObjectNode child = children.addObject();
      child.put("kind", "t3");
      ObjectNode d = child.putObject("data");
      String id = p.get("_id");
      d.put("name", "t3_" + id);
      d.put("id", id);
      d.put("subreddit", p.get("sr"));
      d.put("author", USER);
      d.put("title", p.get("title"));
      if ("crosspost".equals(p.get("kind"))) {
        d.put("crosspost_parent", p.get("crosspost_fullname"));
        d.put("url", "/r/" + SUB + "/comments/" + id + "/");
      } else {
        d.put("url", p.getOrDefault("url", "https://i.redd.it/" + id + ".png"));
      }
      d.put("permalink", "/r/" + p.get("sr") + "/comments/" + id + "/post/");
      d.put("created_utc", Double.parseDouble(p.get("_created")));
    }
    return listing;
  }

  static MockResponse json(int status, Object body) {
    String text;
    try {
      text = body instanceof String s ? s : JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new MockResponse.Builder()
        .code(status)
        .setHeader("content-type", "application/json; charset=UTF-8")
        .body(text)
        .build();
  }

  private static String resource(String name) {
    try (InputStream in = RedditPeer.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, String> form(String body) {
    return dev.nichebot.testing.Forms.parse(body);
  }

  @Override
  public void close() {
    server.close();
  }
}
