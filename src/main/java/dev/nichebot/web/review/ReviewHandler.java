package dev.nichebot.web.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.nichebot.domain.CandidateState;
import dev.nichebot.domain.Vote;
import dev.nichebot.review.Reviewer;
import dev.nichebot.web.WebServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything under {@code /review}: the page, its script and style, candidate images, and the JSON
 * API the page (or a script with the token) uses.
 *
 * <pre>
 * GET  /review                              the page (filters as query parameters)
 * GET  /review/api/candidates               list: mode, state, min, max, source, offset, limit
 * POST /review/api/candidates/{id}/approve  {"reviewer": "alice"}
 * POST /review/api/candidates/{id}/reject   {"reviewer": "alice"}
 * POST /review/api/undo                     {"reviewer": "alice"}: the reviewer's last decision
 * GET  /review/image/{id}                   the candidate's stored image
 * </pre>
 */
public final class ReviewHandler implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(ReviewHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern DECIDE =
      Pattern.compile("/review/api/candidates/(\\d{1,18})/(approve|reject)");
  private static final Pattern IMAGE = Pattern.compile("/review/image/(\\d{1,18})");
  private static final int MAX_BODY = 4096;

  private final ReviewQueries queries;
  private final ReviewActions actions;
  private final ReviewAccess access;
  private final boolean discordMode;

  public ReviewHandler(
      ReviewQueries queries,
      ReviewActions actions,
      dev.nichebot.config.Secret token,
      String bindAddress,
      boolean discordMode) {
    this.queries = queries;
    this.actions = actions;
    this.access = new ReviewAccess(token, bindAddress);
    this.discordMode = discordMode;
    if (access.availability() == ReviewAccess.Availability.DISABLED) {
      log.warn(
          "review page disabled: the web server listens on {} and web.review-token is not set",
          bindAddress);
    }
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getRawPath();
    ex.getResponseHeaders().set("X-Frame-Options", "DENY");
    ex.getResponseHeaders().set("Referrer-Policy", "no-referrer");
    ex.getResponseHeaders()
        .set(
            "Content-Security-Policy",
            "default-src 'none'; img-src 'self'; script-src 'self'; style-src 'self';"
                + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    if (access.availability() == ReviewAccess.Availability.DISABLED) {
      sendHtmlOrJson(
          ex,
          403,
          "Review page disabled",
          "The web server listens on a non-loopback address and web.review-token is not set, so"
              + " anyone on the network could decide. Set web.review-token, or web.bind=127.0.0.1.");
      return;
    }
    if (path.startsWith("/review/static/")) {
      staticFile(ex, path.substring("/review/static/".length()));
      return;
    }
    if (path.equals("/review/login")) {
      login(ex);
      return;
    }
    Map<String, String> q = params(ex.getRequestURI().getRawQuery());
    if (path.equals("/review")
        && q.containsKey("token")
        && access.availability() == ReviewAccess.Availability.TOKEN_REQUIRED) {
      // A link with the token: trade it for the cookie and drop it from the address bar.
      if (access.matches(q.get("token"))) {
        ex.getResponseHeaders().add("Set-Cookie", access.sessionCookie());
        ex.getResponseHeaders().set("Location", "/review");
        WebServer.send(ex, 303, "text/plain; charset=utf-8", "signed in");
      } else {
        WebServer.send(ex, 401, "text/html; charset=utf-8", ReviewPage.login(true));
      }
      return;
    }
    if (!access.allows(ex)) {
      if (access.availability() == ReviewAccess.Availability.OPEN_ON_LOOPBACK) {
        sendHtmlOrJson(
            ex,
            403,
            "Not allowed",
            "Without web.review-token the review page answers only to localhost addresses.");
      } else if (path.startsWith("/review/api/")) {
        sendJson(ex, 401, error("a valid review token is required (header X-Review-Token)"));
      } else {
        WebServer.send(ex, 401, "text/html; charset=utf-8", ReviewPage.login(false));
      }
      return;
    }
    Matcher m;
    if (path.equals("/review") || path.equals("/review/")) {
      requireGet(ex, () -> page(ex, q));
    } else if (path.equals("/review/api/candidates")) {
      requireGet(ex, () -> list(ex, q));
    } else if ((m = DECIDE.matcher(path)).matches()) {
      long id = Long.parseLong(m.group(1));
      Vote vote = m.group(2).equals("approve") ? Vote.APPROVE : Vote.REJECT;
      post(ex, reviewer -> actions.decide(id, reviewer, vote));
    } else if (path.equals("/review/api/undo")) {
      post(ex, actions::undoLast);
    } else if ((m = IMAGE.matcher(path)).matches()) {
      long id = Long.parseLong(m.group(1));
      requireGet(ex, () -> image(ex, id));
    } else {
      sendHtmlOrJson(ex, 404, "Not found", "There is nothing at this address.");
    }
  }

  private interface Action {
    void run() throws IOException;
  }

  private void requireGet(HttpExchange ex, Action action) throws IOException {
    String method = ex.getRequestMethod();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      ex.getResponseHeaders().set("Allow", "GET, HEAD");
      sendJson(ex, 405, error("use GET"));
      return;
    }
    action.run();
  }

  private void post(HttpExchange ex, java.util.function.Function<Reviewer, ReviewActions.Answer> f)
      throws IOException {
    Optional<String> problem = ReviewAccess.sameOriginProblem(ex, true);
    if (problem.isPresent()) {
      int status = "POST".equals(ex.getRequestMethod()) ? 403 : 405;
      if (status == 405) {
        ex.getResponseHeaders().set("Allow", "POST");
      }
      sendJson(ex, status, error(problem.get()));
      return;
    }
    JsonNode body;
    try {
      body = JSON.readTree(readBody(ex));
    } catch (IOException e) {
      sendJson(ex, 400, error("the body must be a JSON object"));
      return;
    }
    String name = body == null || !body.hasNonNull("reviewer") ? "" : body.get("reviewer").asText();
    if (name.isBlank()) {
      sendJson(ex, 400, error("say who you are: {\"reviewer\": \"your name\"}"));
      return;
    }
    ReviewActions.Answer a = f.apply(Reviewer.web(name));
    ObjectNode out = JSON.createObjectNode();
    out.put("kind", a.kind());
    out.put("candidateId", a.candidateId());
    out.put("message", a.message());
    if (a.state() != null) {
      out.put("state", a.state().name());
    }
    sendJson(ex, a.status(), out);
  }

  private void page(HttpExchange ex, Map<String, String> q) throws IOException {
    ReviewQueries.Filter f = filter(q);
    int offset = intParam(q, "offset", 0, 0, 1_000_000);
    int limit = intParam(q, "limit", 48, 1, 200);
    String html =
        ReviewPage.page(
            f,
            queries.list(f, offset, limit),
            queries.count(f),
            queries.sources(),
            offset,
            limit,
            discordMode);
    WebServer.send(ex, 200, "text/html; charset=utf-8", html);
  }

  private void list(HttpExchange ex, Map<String, String> q) throws IOException {
    ReviewQueries.Filter f = filter(q);
    int offset = intParam(q, "offset", 0, 0, 1_000_000);
    int limit = intParam(q, "limit", 48, 1, 200);
    ObjectNode out = JSON.createObjectNode();
    out.put("mode", f.mode().word());
    out.put("total", queries.count(f));
    ArrayNode items = out.putArray("items");
    for (ReviewQueries.Item it : queries.list(f, offset, limit)) {
      ObjectNode n = items.addObject();
      n.put("id", it.id());
      n.put("state", it.state().name());
      putNumber(n, "signalScore", it.signalScore());
      putNumber(n, "nsfwScore", it.nsfwScore());
      n.put("modelVersion", it.modelVersion());
      n.put("title", it.title());
      n.put("author", it.author());
      n.put("pageUrl", it.pageUrl());
      n.put("source", it.source());
      n.put("image", "/review/image/" + it.id());
      n.put("activeVotes", it.activeVotes());
      if (it.nearestImageId() != null) {
        ObjectNode near = n.putObject("nearest");
        near.put("imageId", it.nearestImageId());
        if (it.nearestCandidateId() != null) {
          near.put("candidateId", it.nearestCandidateId());
        }
        if (it.nearestDistance() != null) {
          near.put("distance", it.nearestDistance());
        }
      }
    }
    sendJson(ex, 200, out);
  }

  private void image(HttpExchange ex, long id) throws IOException {
    Optional<ReviewQueries.ImageFile> file = queries.image(id);
    if (file.isEmpty()) {
      sendJson(ex, 404, error("no stored image for candidate " + id));
      return;
    }
    WebServer.send(ex, 200, file.get().contentType(), Files.readAllBytes(file.get().path()));
  }

  private void login(HttpExchange ex) throws IOException {
    if (access.availability() != ReviewAccess.Availability.TOKEN_REQUIRED) {
      ex.getResponseHeaders().set("Location", "/review");
      WebServer.send(ex, 303, "text/plain; charset=utf-8", "no token needed");
      return;
    }
    if ("GET".equals(ex.getRequestMethod())) {
      WebServer.send(ex, 200, "text/html; charset=utf-8", ReviewPage.login(false));
      return;
    }
    if (ReviewAccess.sameOriginProblem(ex, false).isPresent()) {
      WebServer.send(ex, 403, "text/plain; charset=utf-8", "cross-origin sign-in refused");
      return;
    }
    String token = params(readBody(ex)).get("token");
    if (!access.matches(token)) {
      log.info("review page: a sign-in with a wrong token was refused");
      WebServer.send(ex, 401, "text/html; charset=utf-8", ReviewPage.login(true));
      return;
    }
    ex.getResponseHeaders().add("Set-Cookie", access.sessionCookie());
    ex.getResponseHeaders().set("Location", "/review");
    WebServer.send(ex, 303, "text/plain; charset=utf-8", "signed in");
  }

  private void staticFile(HttpExchange ex, String name) throws IOException {
    String type =
        switch (name) {
          case "review.js" -> "text/javascript; charset=utf-8";
          case "review.css" -> "text/css; charset=utf-8";
          default -> null;
        };
    if (type == null) {
      sendJson(ex, 404, error("not found"));
      return;
    }
    try (InputStream in = ReviewHandler.class.getResourceAsStream("/web/" + name)) {
      if (in == null) {
        sendJson(ex, 404, error("not found"));
        return;
      }
      WebServer.send(ex, 200, type, in.readAllBytes());
    }
  }

  private static ReviewQueries.Filter filter(Map<String, String> q) {
    CandidateState state = null;
    try {
      if (!q.getOrDefault("state", "").isBlank()) {
        state = CandidateState.valueOf(q.get("state").strip().toUpperCase(java.util.Locale.ROOT));
      }
    } catch (IllegalArgumentException e) {
      state = null;
    }
    return new ReviewQueries.Filter(
        ReviewQueries.Mode.parse(q.get("mode")),
        state,
        doubleParam(q, "min"),
        doubleParam(q, "max"),
        longParam(q, "source"));
  }

  private static Double doubleParam(Map<String, String> q, String name) {
    try {
      String v = q.get(name);
      return v == null || v.isBlank() ? null : Double.valueOf(v.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Long longParam(Map<String, String> q, String name) {
    try {
      String v = q.get(name);
      return v == null || v.isBlank() ? null : Long.valueOf(v.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static int intParam(Map<String, String> q, String name, int dflt, int min, int max) {
    try {
      String v = q.get(name);
      int n = v == null || v.isBlank() ? dflt : Integer.parseInt(v.strip());
      return Math.max(min, Math.min(max, n));
    } catch (NumberFormatException e) {
      return dflt;
    }
  }

  private static String readBody(HttpExchange ex) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      byte[] bytes = in.readNBytes(MAX_BODY + 1);
      if (bytes.length > MAX_BODY) {
        throw new IOException("body too large");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  static Map<String, String> params(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        out.putIfAbsent(
            URLDecoder.decode(k, StandardCharsets.UTF_8),
            URLDecoder.decode(v, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        // A malformed escape: ignore that parameter.
      }
    }
    return out;
  }

  private static void putNumber(ObjectNode n, String name, Double v) {
    if (v == null) {
      n.putNull(name);
    } else {
      n.put(name, v);
    }
  }

  private static ObjectNode error(String message) {
    return JSON.createObjectNode().put("error", message);
  }

  private static void sendJson(HttpExchange ex, int status, JsonNode body) throws IOException {
    WebServer.send(ex, status, "application/json", JSON.writeValueAsString(body));
  }

  private static void sendHtmlOrJson(HttpExchange ex, int status, String title, String text)
      throws IOException {
    if (ex.getRequestURI().getRawPath().startsWith("/review/api/")) {
      sendJson(ex, status, error(title + ": " + text));
    } else {
      WebServer.send(
          ex, status, "text/html; charset=utf-8", ReviewPage.message(status, title, text));
    }
  }
}
