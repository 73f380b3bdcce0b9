package dev.nichebot.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nichebot.reddit.Credential;
import dev.nichebot.reddit.RedditClient;
import dev.nichebot.reddit.RedditSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;

/**
 * Reddit's inbox played on loopback: a login server and an API server (MockWebServer) that keep an
 * unread list, a moderator list, and every request they received. Marking read removes items from
 * the unread list, as Reddit does. Answers to {@code /api/comment} (replies) and {@code
 * /api/read_message} are the recorded ones from {@code ../shared/fixtures/reddit} unless a test
 * queues others.
 */
public final class RedditInboxPeer implements AutoCloseable {
  public static final ObjectMapper JSON = new ObjectMapper();
  public static final String SUBREDDIT = "nichebot_test";
  public static final String BOT = "nichebot_bot";

  /** One request the API server received: method, path, query and form fields. */
  public record Request(
      String method, String path, Map<String, String> query, Map<String, String> form) {}

  private final MockWebServer api = new MockWebServer();
  private final MockWebServer auth = new MockWebServer();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final List<JsonNode> unread = new CopyOnWriteArrayList<>();
  private volatile String moderatorsBody;
  private final java.util.Set<String> suspended =
      java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final Deque<MockResponse> replyAnswers = new ConcurrentLinkedDeque<>();
  private final Deque<MockResponse> readAnswers = new ConcurrentLinkedDeque<>();
  private final Deque<MockResponse> moderatorAnswers = new ConcurrentLinkedDeque<>();
  private final Deque<MockResponse> deleteAnswers = new ConcurrentLinkedDeque<>();
  private final String recordedReply;
  private final String recordedRead;
  private volatile Consumer<Request> onMarkRead = r -> {};
  private final OkHttpClient http =
      new OkHttpClient.Builder()
          .dns(
              host -> {
                if (!host.equals("localhost") && !host.equals("127.0.0.1")) {
                  throw new java.net.UnknownHostException(
                      "tests stay on loopback, refused " + host);
                }
                return List.of(InetAddress.getLoopbackAddress());
              })
          .build();

  public RedditInboxPeer() {
    recordedReply = recordedBody("inbox_message_reply_2025.json");
    recordedRead = recordedBody("inbox_read_message_2025.json");
    moderators("Mod_Alice");
    try {
      api.start(InetAddress.getLoopbackAddress(), 0);
      auth.start(InetAddress.getLoopbackAddress(), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    auth.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return json(
                200,
                "{\"access_token\": \"tok-peer\", \"token_type\": \"bearer\", \"expires_in\":"
                    + " 86400, \"scope\": \"*\"}");
          }
        });
    api.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return answer(request);
          }
        });
  }

  // ---- what Reddit holds ------------------------------------------------------------------

  /**
   * Reddit suspends these accounts: their {@code /user/{name}/about} says {@code is_suspended}, as
   * Reddit's minimal page for a suspended account does. Everyone else's is an ordinary account.
   */
  public RedditInboxPeer suspend(String... names) {
    for (String name : names) {
      suspended.add(name.toLowerCase(java.util.Locale.ROOT));
    }
    return this;
  }

  /** How many times the bot asked whether an account is suspended. */
  public int accountChecks() {
    return (int)
        requests.stream()
            .filter(r -> r.method().equals("GET") && r.path().matches("/user/[^/]+/about"))
            .count();
  }

  /** The moderators of {@link #SUBREDDIT}, as a hand-written UserList. */
  public RedditInboxPeer moderators(String... names) {
    ArrayNode children = JSON.createArrayNode();
    for (String name : names) {
      ObjectNode m = children.addObject();
      m.put("name", name);
      m.put("id", "t2_" + Integer.toString(Math.abs(name.hashCode()), 36));
      m.putArray("mod_permissions").add("all");
      m.put("date", 1554775568.0);
    }
    ObjectNode list = JSON.createObjectNode();
    list.put("kind", "UserList");
    list.putObject("data").set("children", children);
    moderatorsBody = list.toString();
    return this;
  }

  /** The moderator list as recorded ({@code moderators_2017.json}), one placeholder renamed. */
  public RedditInboxPeer recordedModerators(String fixture, String usernameAs) {
    moderatorsBody = recordedBody(fixture).replace("<USERNAME>", usernameAs);
    return this;
  }

  /** Adds unread items (the {@code {"kind":..., "data":...}} children of a listing). */
  public RedditInboxPeer unread(JsonNode... children) {
    unread.addAll(Arrays.asList(children));
    return this;
  }

  /** Adds the children of a whole listing body (newest first, as recorded or hand-written). */
  public RedditInboxPeer unreadListing(String listingJson) {
    try {
      List<JsonNode> newestFirst = new ArrayList<>();
      JSON.readTree(listingJson).path("data").path("children").forEach(newestFirst::add);
      java.util.Collections.reverse(newestFirst);
      unread.addAll(newestFirst);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  public List<String> unreadFullnames() {
    return unread.stream().map(c -> c.path("data").path("name").asText()).toList();
  }

  /** A private message from a user. */
  public static JsonNode message(String id, String author, String subject, String body) {
    ObjectNode child = JSON.createObjectNode();
    child.put("kind", "t4");
    ObjectNode d = child.putObject("data");
    d.put("id", id);
    d.put("name", "t4_" + id);
    if (author == null) {
      d.putNull("author");
    } else {
      d.put("author", author);
    }
    d.putNull("subreddit");
    d.put("subject", subject);
    d.put("body", body);
    d.put("new", true);
    d.put("was_comment", false);
    d.put("created_utc", 1749000000.0);
    d.put("dest", BOT);
    d.putNull("distinguished");
    return child;
  }

  // ---- scripted answers -------------------------------------------------------------------

  public RedditInboxPeer nextReplyAnswers(MockResponse... answers) {
    replyAnswers.addAll(Arrays.asList(answers));
    return this;
  }

  public RedditInboxPeer nextReadAnswers(MockResponse... answers) {
    readAnswers.addAll(Arrays.asList(answers));
    return this;
  }

  public RedditInboxPeer nextModeratorAnswers(MockResponse... answers) {
    moderatorAnswers.addAll(Arrays.asList(answers));
    return this;
  }

  public RedditInboxPeer nextDeleteAnswers(MockResponse... answers) {
    deleteAnswers.addAll(Arrays.asList(answers));
    return this;
  }

  /** Called (on the server's thread) when a mark-read request arrives, before it is answered. */
  public RedditInboxPeer onMarkRead(Consumer<Request> action) {
    this.onMarkRead = action;
    return this;
  }

  // ---- what the bot sent ------------------------------------------------------------------

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public List<Request> requests(String method, String path) {
    return requests.stream()
        .filter(r -> r.method().equals(method) && r.path().equals(path))
        .toList();
  }

  /** Replies to private messages ({@code POST /api/comment} with a {@code t4_} thing). */
  public List<Request> replies() {
    return requests("POST", "/api/comment");
  }

  /** The text of the one reply sent to a message; fails when there is not exactly one. */
  public String replyTo(String messageFullname) {
    List<Request> to =
        replies().stream().filter(r -> messageFullname.equals(r.form().get("thing_id"))).toList();
    assertThat(to).as("replies to " + messageFullname).hasSize(1);
    return to.get(0).form().get("text");
  }

  public List<String> markedRead() {
    List<String> ids = new ArrayList<>();
    for (Request r : requests("POST", "/api/read_message")) {
      ids.addAll(Arrays.asList(r.form().getOrDefault("id", "").split(",")));
    }
    return ids;
  }

  public int moderatorListReads() {
    return requests("GET", "/r/" + SUBREDDIT + "/about/moderators").size();
  }

  // ---- the client under test --------------------------------------------------------------

  public String authUrl() {
    return auth.url("/").toString();
  }

  public String apiUrl() {
    return api.url("/").toString();
  }

  /** A client of this peer: quick retries, no real waiting. */
  public RedditClient client(Clock clock) {
    RedditSettings settings =
        RedditSettings.builder()
            .authUrl(authUrl())
            .apiUrl(apiUrl())
            .clientId(Credential.of("peer-client"))
            .clientSecret(Credential.of("peer-secret"))
            .username(BOT)
            .password(Credential.of("peer-password"))
            .userAgent("tester", "dev.nichebot", "0.1.0")
            .connectTimeout(Duration.ofSeconds(2))
            .readTimeout(Duration.ofSeconds(5))
            .writeTimeout(Duration.ofSeconds(5))
            .maxAttempts(2)
            .backoff(Duration.ofMillis(1), Duration.ofMillis(2))
            .clock(clock)
            .sleeper(d -> {})
            .build();
    return RedditClient.builder(settings).httpClient(http).build();
  }

  // ---- plumbing ---------------------------------------------------------------------------

  private MockResponse answer(RecordedRequest recorded) {
    String path = recorded.getUrl().encodedPath();
    Map<String, String> query = new LinkedHashMap<>();
    for (String name : recorded.getUrl().queryParameterNames()) {
      query.put(name, recorded.getUrl().queryParameter(name));
    }
    Request request =
        new Request(
            recorded.getMethod(),
            path,
            query,
            form(recorded.getBody() == null ? "" : recorded.getBody().utf8()));
    requests.add(request);
    switch (request.method() + " " + path) {
      case "GET /message/unread" -> {
        ObjectNode listing = JSON.createObjectNode();
        listing.put("kind", "Listing");
        ObjectNode data = listing.putObject("data");
        data.putNull("after");
        data.putNull("before");
        // Newest first, as Reddit lists them.
        List<JsonNode> newestFirst = new ArrayList<>(unread);
        java.util.Collections.reverse(newestFirst);
        data.putArray("children").addAll(newestFirst);
        data.put("dist", newestFirst.size());
        return json(200, listing.toString());
      }
      case "POST /api/read_message" -> {
        onMarkRead.accept(request);
        MockResponse scripted = readAnswers.poll();
        if (scripted != null) {
          return scripted;
        }
        Collection<String> ids = Arrays.asList(request.form().getOrDefault("id", "").split(","));
        unread.removeIf(c -> ids.contains(c.path("data").path("name").asText()));
        return json(200, recordedRead);
      }
      case "POST /api/comment" -> {
        MockResponse scripted = replyAnswers.poll();
        return scripted != null ? scripted : json(200, recordedReply);
      }
      case "POST /api/del" -> {
        MockResponse scripted = deleteAnswers.poll();
        return scripted != null ? scripted : json(200, "{}");
      }
      default -> {
        if (request.method().equals("GET")
            && path.equals("/r/" + SUBREDDIT + "/about/moderators")) {
          MockResponse scripted = moderatorAnswers.poll();
          return scripted != null ? scripted : json(200, moderatorsBody);
        }
        if (request.method().equals("GET") && path.matches("/user/[^/]+/about")) {
          String name = path.split("/")[2];
          ObjectNode about = JSON.createObjectNode();
          about.put("kind", "t2");
          ObjectNode data = about.putObject("data");
          data.put("name", name);
          if (suspended.contains(name.toLowerCase(java.util.Locale.ROOT))) {
            data.put("is_suspended", true);
          } else {
            data.put("is_suspended", false);
            data.put("id", Integer.toString(Math.abs(name.hashCode()), 36));
            data.put("created_utc", 1554775568.0);
            data.put("link_karma", 1);
            data.put("comment_karma", 1);
          }
          return json(200, about.toString());
        }
        return json(404, "{\"message\": \"Not Found\", \"error\": 404}");
      }
    }
  }

  public static MockResponse json(int status, String body) {
    return new MockResponse.Builder()
        .code(status)
        .setHeader("content-type", "application/json; charset=UTF-8")
        .setHeader("x-ratelimit-remaining", "990.0")
        .setHeader("x-ratelimit-used", "10")
        .setHeader("x-ratelimit-reset", "300")
        .body(body)
        .build();
  }

  /** The response body of a recorded interaction in {@code ../shared/fixtures/reddit}. */
  public static String recordedBody(String name) {
    try {
      JsonNode envelope = JSON.readTree(Files.readString(SharedFixtures.file("reddit", name)));
      JsonNode body = envelope.path("response").path("body");
      return body.isTextual() ? body.asText() : JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A hand-written fixture under {@code src/test/resources/}. */
  public static String resource(String name) {
    try (InputStream in = RedditInboxPeer.class.getResourceAsStream("/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
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
    http.dispatcher().executorService().shutdownNow();
    http.connectionPool().evictAll();
    api.close();
    auth.close();
  }
}
