package dev.nichebot.review.discord.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.internal.ws.RealWebSocket;
import okio.Buffer;
import okio.ByteString;

/**
 * A small Discord for tests: REST and gateway on 127.0.0.1 (one OkHttp MockWebServer that also
 * upgrades {@code /gateway} to a websocket), enough of both for a real JDA client to log in, post
 * cards, react, edit, read history and reactions, register and answer slash commands, and survive
 * reconnects.
 *
 * <p>It records every REST request, can fail the next matching request once (before or after
 * applying it, the latter being a "lost response"), honours {@code enforce_nonce} like Discord (a
 * retried post returns the first message), and on the gateway can send reaction events from any
 * user, ask for a reconnect (op 7), drop the connection, accept a RESUME (replaying what was
 * missed) or refuse it. READY, GUILD_CREATE, HELLO and the bot user start from the team's
 * JDA-accepted fixtures.
 */
public final class FakeDiscord implements AutoCloseable {
  public static final String TOKEN = "fake-bot-token-not-a-secret";
  public static final long BOT_ID = 1000000000000000001L;
  public static final long REVIEWER_ID = 1000000000000000002L;
  public static final long STRANGER_ID = 1000000000000000003L;
  public static final long GUILD_ID = 2000000000000000001L;
  public static final long REVIEWER_ROLE_ID = 2000000000000000002L;
  public static final long BOT_ROLE_ID = 2000000000000000003L;
  public static final long CHANNEL_ID = 3000000000000000001L;

  /** View, send, embed links, attach files, add reactions, read history (the fixture's). */
  public static final long EVERYONE_PERMISSIONS = 117824L;

  /** What the bot's own role adds: Manage Messages (to remove others' reactions). */
  public static final long MANAGE_MESSAGES = 1L << 13;

  public static final long ATTACH_FILES = 1L << 15;
  public static final long ADD_REACTIONS = 1L << 6;
  public static final long VIEW_CHANNEL = 1L << 10;
  public static final long SEND_MESSAGES = 1L << 11;
  public static final long READ_MESSAGE_HISTORY = 1L << 16;
  public static final long ADMINISTRATOR = 1L << 3;

  private static final long DISCORD_EPOCH = 1420070400000L;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String API_PREFIX = "/api/v10/";

  private final MockWebServer server = new MockWebServer();
  private final AtomicLong sequence = new AtomicLong();
  private final Object lock = new Object();

  // Everything below is guarded by lock.
  private final TreeMap<Long, FakeMessage> messages = new TreeMap<>();
  private final Map<Long, Member> members = new LinkedHashMap<>();
  private final List<RecordedCall> calls = new ArrayList<>();
  private final List<String> unhandled = new ArrayList<>();
  private final List<Failure> failures = new ArrayList<>();
  private final List<JsonNode> gatewayReceived = new ArrayList<>();
  private final Map<String, GatewaySession> sessions = new LinkedHashMap<>();
  private final Map<String, Interaction> interactions = new LinkedHashMap<>();
  private final List<JsonNode> registeredCommands = new ArrayList<>();
  private final Map<String, Long> nonces = new LinkedHashMap<>();
  private GatewaySession currentSession;
  private long everyonePermissions = EVERYONE_PERMISSIONS;
  private long botRolePermissions = MANAGE_MESSAGES;

  private final ObjectNode botUser;

  private record Member(long id, String name, boolean bot, List<Long> roles) {}

  private record Failure(String method, Pattern path, int status, boolean afterApplying) {}

  /** A slash-command invocation and what the bot answered. */
  private static final class Interaction {
    final long id;
    final String token;
    JsonNode callback;
    String content;

    Interaction(long id, String token) {
      this.id = id;
      this.token = token;
    }
  }

  /** What the bot answered to a slash command. */
  public record InteractionReply(int callbackType, boolean ephemeral, String content) {}

  /** A gateway session: survives a dropped connection until it is invalidated. */
  private static final class GatewaySession {
    final String id;
    int seq;
    final List<ObjectNode> history = new ArrayList<>();
    WebSocket socket;
    boolean invalid;

    GatewaySession(String id) {
      this.id = id;
    }
  }

  private FakeDiscord() {
    Fixtures.jdaAccepted();
    botUser = Fixtures.load("rest-get-users-me.response.json");
    members.put(BOT_ID, new Member(BOT_ID, "candidate-bot", true, List.of(BOT_ROLE_ID)));
    members.put(REVIEWER_ID, new Member(REVIEWER_ID, "reviewer", false, List.of(REVIEWER_ROLE_ID)));
    members.put(STRANGER_ID, new Member(STRANGER_ID, "stranger", false, List.of()));
  }

  /** Starts the fake on a free loopback port; skips the calling test if the fixtures are absent. */
  public static FakeDiscord start() {
    FakeDiscord fake = new FakeDiscord();
    fake.server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return fake.handle(request);
          }
        });
    try {
      fake.server.start(InetAddress.getLoopbackAddress(), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return fake;
  }

  public String restBaseUrl() {
    return "http://127.0.0.1:" + server.getPort() + API_PREFIX;
  }

  public String gatewayUrl() {
    return "ws://127.0.0.1:" + server.getPort() + "/gateway";
  }

  @Override
  public void close() {
    synchronized (lock) {
      for (GatewaySession session : sessions.values()) {
        if (session.socket != null) {
          session.socket.close(1001, "fake shutting down");
        }
      }
    }
    server.close();
  }

  // --- set-up -----------------------------------------------------------------------------------

  /** Permissions of @everyone in the server (takes effect at the bot's next IDENTIFY). */
  public void setEveryonePermissions(long permissions) {
    synchronized (lock) {
      everyonePermissions = permissions;
    }
  }

  /** Permissions of the bot's own role (takes effect at the bot's next IDENTIFY). */
  public void setBotRolePermissions(long permissions) {
    synchronized (lock) {
      botRolePermissions = permissions;
    }
  }

  /** Adds a member (or replaces one, to change roles). */
  public void addMember(long userId, String name, Long... roleIds) {
    synchronized (lock) {
      members.put(userId, new Member(userId, name, false, List.of(roleIds)));
    }
  }

  public void removeMember(long userId) {
    synchronized (lock) {
      members.remove(userId);
    }
  }

  /** Puts a message in the channel as if it had been posted at {@code at}. */
  public long seedMessage(long authorId, Instant at, String content, ObjectNode embed) {
    synchronized (lock) {
      long id = snowflake(at);
      FakeMessage message = new FakeMessage(id, authorId, at);
      message.content = content == null ? "" : content;
      if (embed != null) {
        ObjectNode copy = embed.deepCopy();
        copy.put("type", "rich");
        message.embeds.add(copy);
      }
      messages.put(id, message);
      return id;
    }
  }

  // --- what happened --------------------------------------------------------------------------

  public List<RecordedCall> calls() {
    synchronized (lock) {
      return List.copyOf(calls);
    }
  }

  /** Requests with this method whose decoded path matches the regular expression entirely. */
  public List<RecordedCall> calls(String method, String pathRegex) {
    Pattern pattern = Pattern.compile(pathRegex);
    return calls().stream()
        .filter(c -> c.method().equals(method) && pattern.matcher(c.path()).matches())
        .toList();
  }

  /**
   * Requests the fake had no route for, or could not handle (each one is a gap in the fake or a
   * surprise call).
   */
  public List<String> unhandled() {
    synchronized (lock) {
      return List.copyOf(unhandled);
    }
  }

  /** The messages in the channel, oldest first. */
  public List<FakeMessage> messages() {
    synchronized (lock) {
      return messages.values().stream().map(FakeMessage::snapshot).toList();
    }
  }

  public FakeMessage message(long id) {
    synchronized (lock) {
      FakeMessage message = messages.get(id);
      if (message == null) {
        throw new IllegalArgumentException("no message " + id);
      }
      return message.snapshot();
    }
  }

  /** Gateway frames the bot sent, of one opcode (2 IDENTIFY, 6 RESUME, 1 heartbeat). */
  public List<JsonNode> gatewayFrames(int op) {
    synchronized (lock) {
      return gatewayReceived.stream().filter(f -> f.path("op").asInt(-1) == op).toList();
    }
  }

  public int identifyCount() {
    return gatewayFrames(2).size();
  }

  public int resumeCount() {
    return gatewayFrames(6).size();
  }

  /** Whether the bot has a gateway connection with a live session right now. */
  public boolean botConnected() {
    synchronized (lock) {
      return currentSession != null && currentSession.socket != null;
    }
  }

  public List<JsonNode> registeredCommands() {
    synchronized (lock) {
      return List.copyOf(registeredCommands);
    }
  }

  // --- failures -------------------------------------------------------------------------------

  /** The next request matching method and path is answered with {@code status}, not applied. */
  public void failNext(String method, String pathRegex, int status) {
    synchronized (lock) {
      failures.add(new Failure(method, Pattern.compile(pathRegex), status, false));
    }
  }

  /**
   * The next matching request is applied, but answered with {@code status}: the bot cannot know it
   * worked (a lost response).
   */
  public void failNextAfterApplying(String method, String pathRegex, int status) {
    synchronized (lock) {
      failures.add(new Failure(method, Pattern.compile(pathRegex), status, true));
    }
  }

  // --- reactions --------------------------------------------------------------------------------

  /** A user reacts: the reaction is stored and MESSAGE_REACTION_ADD sent (with the member). */
  public void addReaction(long messageId, long userId, String emoji) {
    synchronized (lock) {
      storeReaction(messageId, userId, emoji);
      dispatch("MESSAGE_REACTION_ADD", reactionEvent(messageId, userId, emoji, true));
    }
  }

  /** A user takes a reaction back: MESSAGE_REACTION_REMOVE, which (like Discord) has no member. */
  public void removeReaction(long messageId, long userId, String emoji) {
    synchronized (lock) {
      unstoreReaction(messageId, userId, emoji);
      dispatch("MESSAGE_REACTION_REMOVE", reactionEvent(messageId, userId, emoji, false));
    }
  }

  /** A reaction that exists without any event reaching the bot (made while it had no session). */
  public void addReactionWithoutEvent(long messageId, long userId, String emoji) {
    synchronized (lock) {
      storeReaction(messageId, userId, emoji);
    }
  }

  // --- gateway control --------------------------------------------------------------------------

  /** Sends op 7 RECONNECT: the bot should reconnect and RESUME. */
  public void requestReconnect() {
    synchronized (lock) {
      send(currentSocket(), frame(7, null, null, null));
    }
  }

  /** Cuts the gateway connection without a close frame, as a network failure would. */
  public void dropConnection() {
    WebSocket socket;
    synchronized (lock) {
      socket = currentSocket();
      currentSession.socket = null;
    }
    ((RealWebSocket) socket)
        .failWebSocket(new IOException("fake: connection dropped"), null, false);
  }

  /**
   * Cuts the connection and forgets its session, so the bot's RESUME is refused (op 9) and it must
   * IDENTIFY again; events until then are lost, as on Discord.
   */
  public void dropConnectionAndSession() {
    WebSocket socket;
    synchronized (lock) {
      socket = currentSocket();
      currentSession.invalid = true;
      currentSession.socket = null;
      currentSession = null;
    }
    ((RealWebSocket) socket).failWebSocket(new IOException("fake: session lost"), null, false);
  }

  // --- slash commands ---------------------------------------------------------------------------

  /** A member uses a slash command; returns the interaction token to look the reply up by. */
  public String invokeCommand(long userId, String name) {
    synchronized (lock) {
      long id = nextId();
      String token = "interaction-token-" + id;
      interactions.put(token, new Interaction(id, token));
      long commandId =
          registeredCommands.stream()
              .filter(c -> c.path("name").asText().equals(name))
              .mapToLong(c -> c.path("id").asLong())
              .findFirst()
              .orElse(nextId());
      ObjectNode d = NODES.objectNode();
      d.put("id", Long.toString(id));
      d.put("application_id", Long.toString(BOT_ID));
      d.put("type", 2);
      d.put("token", token);
      d.put("version", 1);
      d.put("guild_id", Long.toString(GUILD_ID));
      d.putObject("guild")
          .put("id", Long.toString(GUILD_ID))
          .put("locale", "en-US")
          .putArray("features");
      d.put("channel_id", Long.toString(CHANNEL_ID));
      d.set("channel", Fixtures.load("channel-guild-text.json"));
      ObjectNode member = memberJson(members.get(userId));
      member.put("permissions", Long.toString(everyonePermissions));
      d.set("member", member);
      d.put("locale", "en-US");
      d.put("guild_locale", "en-US");
      d.put("app_permissions", Long.toString(everyonePermissions | botRolePermissions));
      d.putArray("entitlements");
      d.putObject("authorizing_integration_owners").put("0", Long.toString(GUILD_ID));
      d.put("context", 0);
      ObjectNode data = d.putObject("data");
      data.put("id", Long.toString(commandId));
      data.put("name", name);
      data.put("type", 1);
      data.put("guild_id", Long.toString(GUILD_ID));
      dispatch("INTERACTION_CREATE", d);
      return token;
    }
  }

  /** The bot's answer to an interaction, once it has both acknowledged and answered. */
  public Optional<InteractionReply> reply(String token) {
    synchronized (lock) {
      Interaction interaction = interactions.get(token);
      if (interaction == null || interaction.callback == null || interaction.content == null) {
        return Optional.empty();
      }
      int type = interaction.callback.path("type").asInt();
      boolean ephemeral = (interaction.callback.path("data").path("flags").asInt() & 64) != 0;
      return Optional.of(new InteractionReply(type, ephemeral, interaction.content));
    }
  }

  // --- REST -----------------------------------------------------------------------------------

  private MockResponse handle(RecordedRequest request) {
    HttpUrl url = request.getUrl();
    List<String> segments = url.pathSegments();
    if (segments.size() == 1 && segments.get(0).equals("gateway")) {
      return new MockResponse.Builder().webSocketUpgrade(new GatewayListener()).build();
    }
    String path = decodedPath(segments);
    Map<String, String> query = new LinkedHashMap<>();
    for (String name : url.queryParameterNames()) {
      query.put(name, url.queryParameter(name));
    }
    String contentType = request.getHeaders().get("Content-Type");
    byte[] body = request.getBody() == null ? new byte[0] : request.getBody().toByteArray();
    Map<String, RecordedCall.Part> parts = parseMultipart(contentType, body);
    String method = request.getMethod();
    boolean authorized =
        ("Bot " + TOKEN).equals(request.getHeaders().get("Authorization"))
            || path.startsWith("interactions/")
            || path.startsWith("webhooks/");
    synchronized (lock) {
      Failure failure = authorized ? takeFailure(method, path) : null;
      Reply reply;
      if (!authorized) {
        reply = new Reply(401, error(0, "401: Unauthorized"));
      } else if (failure != null && !failure.afterApplying()) {
        reply = serverError(failure.status());
      } else {
        try {
          reply = route(method, path, segments, query, body, parts, contentType);
        } catch (RuntimeException e) {
          // A bug in the fake (or a request it cannot parse) must fail the test, not hide.
          unhandled.add(method + " " + path + " broke the fake: " + e);
          reply = new Reply(500, error(0, "fake failed: " + e));
        }
        if (failure != null) {
          reply = serverError(failure.status());
        }
      }
      calls.add(new RecordedCall(method, path, query, contentType, body, parts, reply.status));
      MockResponse.Builder response = new MockResponse.Builder().code(reply.status);
      if (reply.body != null) {
        response.setHeader("Content-Type", "application/json");
        response.body(reply.body.toString());
      }
      return response.build();
    }
  }

  private record Reply(int status, JsonNode body) {}

  private Reply route(
      String method,
      String path,
      List<String> segments,
      Map<String, String> query,
      byte[] body,
      Map<String, RecordedCall.Part> parts,
      String contentType) {
    List<String> s = segments.subList(2, segments.size()); // drop "api", "v10"
    String m = method;
    if (m.equals("GET") && path.equals("users/@me")) {
      return ok(botUser.deepCopy());
    }
    if (m.equals("GET") && s.size() == 2 && s.get(0).equals("users")) {
      Member member = members.get(Long.parseLong(s.get(1)));
      return member == null ? notFound(10013, "Unknown User") : ok(userJson(member));
    }
    if (m.equals("GET")
        && s.size() == 4
        && s.get(0).equals("guilds")
        && s.get(2).equals("members")) {
      Member member = members.get(Long.parseLong(s.get(3)));
      return member == null ? notFound(10007, "Unknown Member") : ok(memberJson(member));
    }
    if (s.size() >= 3 && s.get(0).equals("channels") && s.get(2).equals("messages")) {
      if (Long.parseLong(s.get(1)) != CHANNEL_ID) {
        return notFound(10003, "Unknown Channel");
      }
      return routeMessages(m, s.subList(3, s.size()), query, body, parts, contentType);
    }
    if (m.equals("PUT")
        && s.size() == 5
        && s.get(0).equals("applications")
        && s.get(2).equals("guilds")
        && s.get(4).equals("commands")) {
      return registerCommands(body);
    }
    if (m.equals("POST") && s.size() == 4 && s.get(0).equals("interactions")) {
      Interaction interaction = interactions.get(s.get(2));
      if (interaction == null) {
        return notFound(10062, "Unknown interaction");
      }
      interaction.callback = readJson(body);
      if (interaction.callback.path("type").asInt() == 4) {
        interaction.content = interaction.callback.path("data").path("content").asText();
      }
      ObjectNode answer = NODES.objectNode();
      answer.putObject("interaction").put("id", Long.toString(interaction.id)).put("type", 2);
      answer.putObject("resource").put("type", interaction.callback.path("type").asInt());
      return ok(answer);
    }
    if (s.size() >= 3 && s.get(0).equals("webhooks")) {
      Interaction interaction = interactions.get(s.get(2));
      if (interaction == null) {
        return notFound(10015, "Unknown Webhook");
      }
      JsonNode json = readJson(body);
      interaction.content = json.path("content").asText();
      FakeMessage message = new FakeMessage(nextId(), BOT_ID, Instant.now());
      message.content = interaction.content;
      ObjectNode answer = messageJson(message);
      answer.put("webhook_id", Long.toString(BOT_ID));
      answer.put("application_id", Long.toString(BOT_ID));
      answer.put("flags", 64);
      return ok(answer);
    }
    unhandled.add(method + " " + path);
    return notFound(0, "404: Not Found (no such route in the fake)");
  }

  /** The bot's permissions in the channel as Discord computes them (no overwrites here). */
  private long botPermissions() {
    long permissions = everyonePermissions | botRolePermissions;
    return (permissions & ADMINISTRATOR) != 0 ? -1L : permissions;
  }

  private boolean botLacks(long needed) {
    return (botPermissions() & needed) != needed;
  }

  private static Reply missingPermissions() {
    return new Reply(403, error(50013, "Missing Permissions"));
  }

  private Reply routeMessages(
      String method,
      List<String> rest,
      Map<String, String> query,
      byte[] body,
      Map<String, RecordedCall.Part> parts,
      String contentType) {
    if (botLacks(VIEW_CHANNEL)) {
      return new Reply(403, error(50001, "Missing Access"));
    }
    if (method.equals("GET") && botLacks(READ_MESSAGE_HISTORY)) {
      return missingPermissions();
    }
    if (rest.isEmpty()) {
      if (method.equals("POST")) {
        long needed =
            SEND_MESSAGES
                | (parts.keySet().stream().anyMatch(p -> p.startsWith("files["))
                    ? ATTACH_FILES
                    : 0);
        return botLacks(needed) ? missingPermissions() : createMessage(body, parts, contentType);
      }
      if (method.equals("GET")) {
        return history(query);
      }
    }
    FakeMessage message = messages.get(Long.parseLong(rest.get(0)));
    if (message == null) {
      return notFound(10008, "Unknown Message");
    }
    if (rest.size() == 1) {
      switch (method) {
        case "GET":
          return ok(messageJson(message));
        case "PATCH":
          return editMessage(message, body, parts, contentType);
        case "DELETE":
          messages.remove(message.id);
          return noContent();
        default:
          break;
      }
    }
    if (rest.size() >= 3 && rest.get(1).equals("reactions")) {
      String emoji = rest.get(2);
      if (rest.size() == 4 && method.equals("PUT") && rest.get(3).equals("@me")) {
        if (botLacks(ADD_REACTIONS | READ_MESSAGE_HISTORY)) {
          return missingPermissions();
        }
        storeReaction(message.id, BOT_ID, emoji);
        dispatch("MESSAGE_REACTION_ADD", reactionEvent(message.id, BOT_ID, emoji, true));
        return noContent();
      }
      if (rest.size() == 4 && method.equals("DELETE")) {
        long user = rest.get(3).equals("@me") ? BOT_ID : Long.parseLong(rest.get(3));
        if (user != BOT_ID && botLacks(MANAGE_MESSAGES)) {
          return missingPermissions();
        }
        if (unstoreReaction(message.id, user, emoji)) {
          dispatch("MESSAGE_REACTION_REMOVE", reactionEvent(message.id, user, emoji, false));
        }
        return noContent();
      }
      if (rest.size() == 3 && method.equals("GET")) {
        long after = Long.parseLong(query.getOrDefault("after", "0"));
        int limit = Integer.parseInt(query.getOrDefault("limit", "25"));
        ArrayNode users = NODES.arrayNode();
        message.reactions.getOrDefault(emoji, new LinkedHashSet<>()).stream()
            .sorted()
            .filter(id -> id > after)
            .limit(limit)
            .forEach(id -> users.add(userJson(memberOrUnknown(id))));
        return ok(users);
      }
    }
    unhandled.add(method + " channels/…/messages/" + String.join("/", rest));
    return notFound(0, "404: Not Found (no such route in the fake)");
  }

  private Reply createMessage(
      byte[] body, Map<String, RecordedCall.Part> parts, String contentType) {
    JsonNode payload =
        parts.containsKey("payload_json")
            ? readJson(parts.get("payload_json").body())
            : readJson(body);
    String nonce = payload.path("nonce").isMissingNode() ? null : payload.path("nonce").asText();
    if (nonce != null && payload.path("enforce_nonce").asBoolean(false)) {
      Long earlier = nonces.get(nonce);
      if (earlier != null && messages.containsKey(earlier)) {
        return ok(messageJson(messages.get(earlier))); // Discord's dedup: same nonce, same message
      }
    }
    Instant now = Instant.now();
    FakeMessage message = new FakeMessage(snowflake(now), BOT_ID, now);
    message.content = payload.path("content").asText("");
    message.nonce = nonce;
    if (payload.has("message_reference")) {
      message.referencedMessageId = payload.path("message_reference").path("message_id").asLong();
    }
    addUploads(message, payload, parts);
    setEmbeds(message, payload.path("embeds"));
    messages.put(message.id, message);
    if (nonce != null) {
      nonces.put(nonce, message.id);
    }
    ObjectNode json = messageJson(message);
    ObjectNode event = json.deepCopy();
    event.put("guild_id", Long.toString(GUILD_ID));
    event.set("member", memberJson(members.get(BOT_ID)).without("user"));
    dispatch("MESSAGE_CREATE", event);
    return ok(json);
  }

  private Reply editMessage(
      FakeMessage message, byte[] body, Map<String, RecordedCall.Part> parts, String contentType) {
    if (message.authorId != BOT_ID) {
      return new Reply(403, error(50005, "Cannot edit a message authored by another user"));
    }
    JsonNode payload =
        parts.containsKey("payload_json")
            ? readJson(parts.get("payload_json").body())
            : readJson(body);
    if (payload.has("content")) {
      message.content = payload.path("content").asText("");
    }
    if (payload.has("attachments")) {
      // Keep only the existing attachments the edit lists by id; new uploads come as files[n].
      List<Long> kept = new ArrayList<>();
      for (JsonNode attachment : payload.path("attachments")) {
        String id = attachment.path("id").asText();
        if (id.length() > 3) {
          kept.add(Long.parseLong(id));
        }
      }
      message.attachments.removeIf(a -> !kept.contains(a.id()));
      addUploads(message, payload, parts);
    }
    if (payload.has("embeds")) {
      setEmbeds(message, payload.path("embeds"));
    }
    message.editedAt = Instant.now();
    ObjectNode json = messageJson(message);
    ObjectNode event = json.deepCopy();
    event.put("guild_id", Long.toString(GUILD_ID));
    dispatch("MESSAGE_UPDATE", event);
    return ok(json);
  }

  private void addUploads(
      FakeMessage message, JsonNode payload, Map<String, RecordedCall.Part> parts) {
    for (JsonNode attachment : payload.path("attachments")) {
      String index = attachment.path("id").asText();
      RecordedCall.Part file = parts.get("files[" + index + "]");
      if (file == null) {
        continue; // an existing attachment being kept
      }
      String name = attachment.path("filename").asText(file.fileName());
      int width = 0;
      int height = 0;
      try {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(file.body()));
        if (image != null) {
          width = image.getWidth();
          height = image.getHeight();
        }
      } catch (IOException ignored) {
        // not an image: stored with no dimensions, as Discord does
      }
      message.attachments.add(
          new FakeMessage.Attachment(nextId(), name, file.body(), width, height));
    }
  }

  /** Stores embeds as Discord does: typed "rich", attachment:// images resolved to the file. */
  private void setEmbeds(FakeMessage message, JsonNode embeds) {
    message.embeds.clear();
    for (JsonNode embed : embeds) {
      ObjectNode copy = ((ObjectNode) embed).deepCopy();
      copy.put("type", "rich");
      String imageUrl = copy.path("image").path("url").asText("");
      if (imageUrl.startsWith("attachment://")) {
        String name = imageUrl.substring("attachment://".length());
        message.attachments.stream()
            .filter(a -> a.fileName().equals(name))
            .findFirst()
            .ifPresentOrElse(
                a -> {
                  ObjectNode image = copy.putObject("image");
                  image.put("url", attachmentUrl(a));
                  image.put("proxy_url", attachmentUrl(a));
                  image.put("width", a.width());
                  image.put("height", a.height());
                },
                () -> copy.remove("image")); // Discord drops images that reference nothing
      }
      message.embeds.add(copy);
    }
  }

  private Reply history(Map<String, String> query) {
    int limit = Integer.parseInt(query.getOrDefault("limit", "50"));
    Map<Long, FakeMessage> view = messages.descendingMap();
    if (query.containsKey("before")) {
      view = messages.headMap(Long.parseLong(query.get("before")), false).descendingMap();
    }
    ArrayNode list = NODES.arrayNode();
    view.values().stream().limit(limit).forEach(message -> list.add(messageJson(message)));
    return ok(list);
  }

  private Reply registerCommands(byte[] body) {
    registeredCommands.clear();
    ArrayNode answer = NODES.arrayNode();
    for (JsonNode command : readJson(body)) {
      ObjectNode registered = ((ObjectNode) command).deepCopy();
      registered.put("id", Long.toString(nextId()));
      registered.put("application_id", Long.toString(BOT_ID));
      registered.put("guild_id", Long.toString(GUILD_ID));
      registered.put("version", Long.toString(nextId()));
      if (!registered.has("type")) {
        registered.put("type", 1);
      }
      registeredCommands.add(registered);
      answer.add(registered);
    }
    return ok(answer);
  }

  // --- JSON shapes ------------------------------------------------------------------------------

  private ObjectNode messageJson(FakeMessage message) {
    ObjectNode json = NODES.objectNode();
    json.put("id", Long.toString(message.id));
    json.put("channel_id", Long.toString(CHANNEL_ID));
    json.set("author", userJson(memberOrUnknown(message.authorId)));
    json.put("content", message.content);
    json.put("timestamp", message.createdAt.toString());
    if (message.editedAt == null) {
      json.putNull("edited_timestamp");
    } else {
      json.put("edited_timestamp", message.editedAt.toString());
    }
    json.put("tts", false);
    json.put("mention_everyone", false);
    json.putArray("mentions");
    json.putArray("mention_roles");
    ArrayNode attachments = json.putArray("attachments");
    for (FakeMessage.Attachment a : message.attachments) {
      ObjectNode attachment = attachments.addObject();
      attachment.put("id", Long.toString(a.id()));
      attachment.put("filename", a.fileName());
      attachment.put("size", a.bytes().length);
      attachment.put("url", attachmentUrl(a));
      attachment.put("proxy_url", attachmentUrl(a));
      attachment.put("content_type", "application/octet-stream");
      if (a.width() > 0) {
        attachment.put("width", a.width());
        attachment.put("height", a.height());
      }
    }
    ArrayNode embeds = json.putArray("embeds");
    message.embeds.forEach(embeds::add);
    ArrayNode reactions = json.putArray("reactions");
    message.reactions.forEach(
        (emoji, users) -> {
          if (users.isEmpty()) {
            return;
          }
          ObjectNode reaction = reactions.addObject();
          reaction.put("count", users.size());
          reaction.putObject("count_details").put("burst", 0).put("normal", users.size());
          reaction.put("me", users.contains(BOT_ID));
          reaction.put("me_burst", false);
          reaction.putArray("burst_colors");
          reaction.putObject("emoji").putNull("id").put("name", emoji);
        });
    json.put("pinned", false);
    json.put("type", message.referencedMessageId == null ? 0 : 19);
    json.put("flags", 0);
    json.putArray("components");
    if (message.nonce != null) {
      json.put("nonce", message.nonce);
    }
    if (message.referencedMessageId != null) {
      json.putObject("message_reference")
          .put("type", 0)
          .put("message_id", Long.toString(message.referencedMessageId))
          .put("channel_id", Long.toString(CHANNEL_ID))
          .put("guild_id", Long.toString(GUILD_ID));
    }
    return json;
  }

  private String attachmentUrl(FakeMessage.Attachment a) {
    return "http://127.0.0.1:"
        + server.getPort()
        + "/attachments/"
        + CHANNEL_ID
        + "/"
        + a.id()
        + "/"
        + a.fileName();
  }

  private Member memberOrUnknown(long id) {
    Member member = members.get(id);
    return member != null ? member : new Member(id, "user-" + id, false, List.of());
  }

  private ObjectNode userJson(Member member) {
    if (member.id() == BOT_ID) {
      return botUser.deepCopy();
    }
    ObjectNode user = NODES.objectNode();
    user.putNull("avatar");
    user.put("bot", member.bot());
    user.put("discriminator", "0");
    user.put("global_name", member.name());
    user.put("id", Long.toString(member.id()));
    user.put("public_flags", 0);
    user.put("system", false);
    user.put("username", member.name());
    return user;
  }

  private ObjectNode memberJson(Member member) {
    ObjectNode json = NODES.objectNode();
    json.putNull("avatar");
    json.put("deaf", false);
    json.put("flags", 0);
    json.put("joined_at", "2024-01-01T00:00:00.000000+00:00");
    json.put("mute", false);
    json.putNull("nick");
    json.put("pending", false);
    json.putNull("premium_since");
    ArrayNode roles = json.putArray("roles");
    member.roles().forEach(role -> roles.add(Long.toString(role)));
    json.set("user", userJson(member));
    return json;
  }

  private ObjectNode reactionEvent(long messageId, long userId, String emoji, boolean add) {
    ObjectNode d = NODES.objectNode();
    d.put("user_id", Long.toString(userId));
    d.put("channel_id", Long.toString(CHANNEL_ID));
    d.put("message_id", Long.toString(messageId));
    d.put("guild_id", Long.toString(GUILD_ID));
    d.putObject("emoji").putNull("id").put("name", emoji);
    d.put("burst", false);
    d.put("type", 0);
    if (add) {
      Member member = members.get(userId);
      if (member != null) {
        d.set("member", memberJson(member));
      }
      FakeMessage message = messages.get(messageId);
      if (message != null) {
        d.put("message_author_id", Long.toString(message.authorId));
      }
      d.putArray("burst_colors");
    }
    return d;
  }

  private void storeReaction(long messageId, long userId, String emoji) {
    FakeMessage message = messages.get(messageId);
    if (message == null) {
      throw new IllegalArgumentException("no message " + messageId);
    }
    message.reactions.computeIfAbsent(emoji, e -> new LinkedHashSet<>()).add(userId);
  }

  private boolean unstoreReaction(long messageId, long userId, String emoji) {
    FakeMessage message = messages.get(messageId);
    if (message == null) {
      throw new IllegalArgumentException("no message " + messageId);
    }
    LinkedHashSet<Long> users = message.reactions.get(emoji);
    boolean removed = users != null && users.remove(userId);
    if (users != null && users.isEmpty()) {
      message.reactions.remove(emoji);
    }
    return removed;
  }

  // --- gateway ----------------------------------------------------------------------------------

  /** Sends an event on the current session, or keeps it for a RESUME while disconnected. */
  private void dispatch(String type, ObjectNode d) {
    GatewaySession session = currentSession;
    if (session == null) {
      return; // no session: nobody receives it, as on Discord
    }
    ObjectNode frame = frame(0, type, ++session.seq, d);
    session.history.add(frame);
    if (session.socket != null) {
      send(session.socket, frame);
    }
  }

  private final class GatewayListener extends WebSocketListener {
    @Override
    public void onOpen(WebSocket socket, Response response) {
      synchronized (lock) {
        send(socket, Fixtures.load("gateway-hello.json"));
      }
    }

    @Override
    public void onMessage(WebSocket socket, String text) {
      JsonNode frame = readJson(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      synchronized (lock) {
        gatewayReceived.add(frame);
        switch (frame.path("op").asInt(-1)) {
          case 1 -> send(socket, frame(11, null, null, null));
          case 2 -> identify(socket, frame.path("d"));
          case 6 -> resume(socket, frame.path("d"));
          default -> {
            // presence updates and the like: nothing to answer
          }
        }
      }
    }

    @Override
    public void onMessage(WebSocket socket, ByteString bytes) {
      onMessage(socket, bytes.utf8());
    }

    @Override
    public void onClosing(WebSocket socket, int code, String reason) {
      socket.close(code == 1005 ? 1000 : code, null);
      detach(socket);
    }

    @Override
    public void onClosed(WebSocket socket, int code, String reason) {
      detach(socket);
    }

    @Override
    public void onFailure(WebSocket socket, Throwable t, Response response) {
      detach(socket);
    }
  }

  private void detach(WebSocket socket) {
    synchronized (lock) {
      for (GatewaySession session : sessions.values()) {
        if (session.socket == socket) {
          session.socket = null;
        }
      }
    }
  }

  private void identify(WebSocket socket, JsonNode d) {
    if (!TOKEN.equals(d.path("token").asText())) {
      socket.close(4004, "Authentication failed.");
      return;
    }
    GatewaySession session = new GatewaySession("fake-session-" + nextId());
    sessions.put(session.id, session);
    currentSession = session;
    session.socket = socket;
    ObjectNode ready = (ObjectNode) Fixtures.load("gateway-ready.json").path("d");
    ready.put("session_id", session.id);
    ready.put("resume_gateway_url", gatewayUrl());
    dispatch("READY", ready);
    dispatch("GUILD_CREATE", guildCreate());
  }

  private void resume(WebSocket socket, JsonNode d) {
    GatewaySession session = sessions.get(d.path("session_id").asText());
    if (session == null || session.invalid || !TOKEN.equals(d.path("token").asText())) {
      send(socket, frame(9, null, null, NODES.booleanNode(false)));
      return;
    }
    currentSession = session;
    session.socket = socket;
    long seen = d.path("seq").asLong();
    for (ObjectNode missed : List.copyOf(session.history)) {
      if (missed.path("s").asLong() > seen) {
        send(socket, missed);
      }
    }
    ObjectNode resumed = NODES.objectNode();
    resumed.putArray("_trace").add("fake-gateway");
    dispatch("RESUMED", resumed);
  }

  private ObjectNode guildCreate() {
    ObjectNode d = (ObjectNode) Fixtures.load("gateway-guild-create.json").path("d");
    ArrayNode roles = (ArrayNode) d.path("roles");
    for (JsonNode role : roles) {
      if (role.path("id").asLong() == GUILD_ID) {
        ((ObjectNode) role).put("permissions", Long.toString(everyonePermissions));
      }
    }
    ObjectNode botRole = ((ObjectNode) roles.get(roles.size() - 1)).deepCopy();
    botRole.put("id", Long.toString(BOT_ROLE_ID));
    botRole.put("name", "candidate-bot");
    botRole.put("managed", true);
    botRole.put("position", 2);
    botRole.put("permissions", Long.toString(botRolePermissions));
    roles.add(botRole);
    ArrayNode memberList = d.putArray("members");
    members.values().forEach(member -> memberList.add(memberJson(member)));
    d.put("member_count", members.size());
    return d;
  }

  private WebSocket currentSocket() {
    if (currentSession == null || currentSession.socket == null) {
      throw new IllegalStateException("the bot is not connected to the fake gateway");
    }
    return currentSession.socket;
  }

  private static void send(WebSocket socket, JsonNode frame) {
    socket.send(frame.toString());
  }

  private static ObjectNode frame(int op, String type, Integer seq, JsonNode d) {
    ObjectNode frame = NODES.objectNode();
    frame.put("op", op);
    if (type == null) {
      frame.putNull("t");
    } else {
      frame.put("t", type);
    }
    if (seq == null) {
      frame.putNull("s");
    } else {
      frame.put("s", seq);
    }
    frame.set("d", d == null ? NODES.nullNode() : d);
    return frame;
  }

  // --- helpers ----------------------------------------------------------------------------------

  private Failure takeFailure(String method, String path) {
    for (Iterator<Failure> it = failures.iterator(); it.hasNext(); ) {
      Failure failure = it.next();
      if (failure.method().equals(method) && failure.path().matcher(path).matches()) {
        it.remove();
        return failure;
      }
    }
    return null;
  }

  private static String decodedPath(List<String> segments) {
    int skip = segments.size() >= 2 && segments.get(0).equals("api") ? 2 : 0;
    return String.join("/", segments.subList(skip, segments.size()));
  }

  private static Map<String, RecordedCall.Part> parseMultipart(String contentType, byte[] body) {
    MediaType type = contentType == null ? null : MediaType.parse(contentType);
    if (type == null || !type.subtype().equals("form-data") || type.parameter("boundary") == null) {
      return Map.of();
    }
    Map<String, RecordedCall.Part> parts = new LinkedHashMap<>();
    try (MultipartReader reader =
        new MultipartReader(new Buffer().write(body), type.parameter("boundary"))) {
      MultipartReader.Part part;
      while ((part = reader.nextPart()) != null) {
        String disposition = part.headers().get("Content-Disposition");
        String name = parameter(disposition, "name");
        String fileName = parameter(disposition, "filename");
        parts.put(
            name,
            new RecordedCall.Part(
                name, fileName, part.headers().get("Content-Type"), part.body().readByteArray()));
        part.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Collections.unmodifiableMap(parts);
  }

  private static String parameter(String disposition, String name) {
    if (disposition == null) {
      return null;
    }
    java.util.regex.Matcher matcher =
        Pattern.compile("(?:^|;)\\s*" + Pattern.quote(name) + "=\"([^\"]*)\"").matcher(disposition);
    return matcher.find() ? matcher.group(1) : null;
  }

  private static JsonNode readJson(byte[] body) {
    try {
      return Fixtures.JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private long nextId() {
    return snowflake(Instant.now());
  }

  private long snowflake(Instant at) {
    return ((at.toEpochMilli() - DISCORD_EPOCH) << 22) | (sequence.incrementAndGet() & 0x3FFFFF);
  }

  private static Reply ok(JsonNode body) {
    return new Reply(200, body);
  }

  private static Reply noContent() {
    return new Reply(204, null);
  }

  private static Reply notFound(int code, String message) {
    return new Reply(404, error(code, message));
  }

  private static Reply serverError(int status) {
    return new Reply(status, error(0, status + ": Internal Server Error"));
  }

  private static ObjectNode error(int code, String message) {
    return NODES.objectNode().put("message", message).put("code", code);
  }
}
