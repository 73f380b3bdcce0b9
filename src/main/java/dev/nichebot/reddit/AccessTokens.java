package dev.nichebot.reddit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs in as a script app (password grant) and keeps the bearer token fresh: renewed a minute
 * before {@code expires_in} runs out, or when an API call reports it invalid. Thread-safe; one
 * login at a time.
 */
final class AccessTokens {
  private static final Logger log = LoggerFactory.getLogger(AccessTokens.class);
  private static final Duration RENEW_EARLY = Duration.ofMinutes(1);
  private static final long MAX_TOKEN_RESPONSE = 64 * 1024;

  /** A bearer token and when it stops working. {@code toString()} hides the token. */
  static final class Token {
    private final String value;
    private final Instant expiresAt;

    Token(String value, Instant expiresAt) {
      this.value = value;
      this.expiresAt = expiresAt;
    }

    String value() {
      return value;
    }

    Instant expiresAt() {
      return expiresAt;
    }

    @Override
    public String toString() {
      return "Token[***, expires " + expiresAt + "]";
    }
  }

  private final OkHttpClient client;
  private final RedditSettings settings;
  private final ObjectMapper mapper;
  private final Clock clock;
  private Token current;
  private RedditLoginException refusal;
  private Instant refusedUntil = Instant.MIN;

  AccessTokens(OkHttpClient client, RedditSettings settings, ObjectMapper mapper) {
    this.client = client;
    this.settings = settings;
    this.mapper = mapper;
    this.clock = settings.clock();
  }

  /** A token good for at least another minute, logging in if needed. */
  synchronized Token current() {
    Instant now = clock.instant();
    if (current != null && now.isBefore(current.expiresAt().minus(RENEW_EARLY))) {
      return current;
    }
    if (refusal != null && now.isBefore(refusedUntil)) {
      // Asking again with the same wrong credentials only risks locking the account.
      throw new RedditLoginException(
          refusal.reason(),
          refusal.getMessage() + " (not asked again before " + refusedUntil + ")");
    }
    current = null;
    try {
      current = login();
      refusal = null;
      return current;
    } catch (RedditLoginException e) {
      refusal = e;
      refusedUntil = now.plus(settings.loginRetryDelay());
      throw e;
    }
  }

  /** Drops {@code used} if it is still the current token, so the next call logs in again. */
  synchronized void invalidate(Token used) {
    if (current == used) {
      current = null;
    }
  }

  private Token login() {
    String label = "POST " + settings.authUrl().encodedPath() + "api/v1/access_token";
    Request request =
        new Request.Builder()
            .url(settings.authUrl().newBuilder().addPathSegments("api/v1/access_token").build())
            .header(
                "Authorization",
                Credentials.basic(settings.clientId().reveal(), settings.clientSecret().reveal()))
            .post(
                new FormBody.Builder()
                    .add("grant_type", "password")
                    .add("username", settings.username())
                    .add("password", settings.password().reveal())
                    .build())
            .tag(Idempotent.class, Idempotent.INSTANCE)
            .build();
    Instant asked = clock.instant();
    byte[] body;
    int status;
    boolean json;
    String contentType;
    try (Response response = client.newCall(request).execute()) {
      status = response.code();
      json = Bodies.isJson(response);
      contentType = Bodies.contentType(response);
      body = Bodies.read(response, MAX_TOKEN_RESPONSE, label);
    } catch (GaveUpException e) {
      throw new RedditUnavailableException(
          "Could not log in to Reddit: " + e.getMessage(), e.attempts(), e);
    } catch (IOException e) {
      throw new RedditUnavailableException(
          "Could not reach Reddit's login endpoint: "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage()),
          1,
          e);
    }
    if (status == 401 || status == 403) {
      throw new RedditLoginException(
          "http_" + status,
          "Reddit refused the app's credentials (HTTP "
              + status
              + "): check the client id and"
              + " secret (reddit.client-id / reddit.client-secret) of the script app");
    }
    if (status != 200) {
      throw new RedditLoginException(
          "http_" + status,
          "Reddit refused the login with HTTP " + status + " (" + contentType + ")");
    }
    if (!json) {
      throw new RedditProtocolException(
          "Reddit's login endpoint answered "
              + contentType
              + " instead of JSON: "
              + Bodies.snippet(body));
    }
    JsonNode answer;
    try {
      answer = mapper.readTree(body);
    } catch (IOException e) {
      throw new RedditProtocolException(
          "Reddit's login endpoint answered malformed JSON (" + body.length + " bytes)", e);
    }
    if (answer == null || !answer.isObject()) {
      throw new RedditProtocolException("Reddit's login endpoint answered no JSON object");
    }
    // Login failures come back as HTTP 200 with an "error" field.
    String error = Json.text(answer, "error").orElse(null);
    if (error != null) {
      throw refusal(error, Json.nonBlank(answer, "error_description").orElse(null));
    }
    String token = Json.nonBlank(answer, "access_token").orElse(null);
    if (token == null) {
      throw new RedditProtocolException("Reddit's login answer has no access_token");
    }
    long expiresIn = Json.integer(answer, "expires_in").filter(s -> s > 0).orElse(3600);
    log.info(
        "Logged in to Reddit as u/{}; token valid for {} s (scope: {})",
        settings.username(),
        expiresIn,
        Json.text(answer, "scope").orElse("?"));
    return new Token(token, asked.plusSeconds(expiresIn));
  }

  private RedditLoginException refusal(String error, String description) {
    String detail = description == null ? "" : " (" + description + ")";
    String message =
        switch (error) {
          case "invalid_grant" ->
              "Reddit login failed: invalid_grant"
                  + detail
                  + ". Check the username and password"
                  + " (reddit.username / reddit.password) of u/"
                  + settings.username()
                  + "; an account with two-factor authentication cannot log in this way";
          case "unauthorized_client" ->
              "Reddit login failed: unauthorized_client"
                  + detail
                  + ". The app must be of type"
                  + " 'script': check its type and the client id and secret"
                  + " (reddit.client-id / reddit.client-secret)";
          default -> "Reddit login failed: " + Things.printable(error) + detail;
        };
    log.warn("{}", message);
    return new RedditLoginException(error, message);
  }
}
