package dev.nichebot.reddit;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one API request and returns its JSON, or throws the typed exception that says what went
 * wrong. Every failure mode ends here as a {@link RedditException}; nothing hangs longer than the
 * configured timeouts and retry budget.
 */
final class RedditHttp {
  private static final Logger log = LoggerFactory.getLogger(RedditHttp.class);

  private final OkHttpClient api;
  private final RedditSettings settings;
  private final ObjectMapper mapper;

  RedditHttp(OkHttpClient api, RedditSettings settings, ObjectMapper mapper) {
    this.api = api;
    this.settings = settings;
    this.mapper = mapper;
  }

  /** An API URL builder for {@code path} (segments separated by '/', each one encoded). */
  HttpUrl.Builder url(String... segments) {
    HttpUrl.Builder builder = settings.apiUrl().newBuilder();
    for (String segment : segments) {
      builder.addPathSegment(segment);
    }
    return builder;
  }

  JsonNode get(HttpUrl url, String subreddit) {
    return execute(new Request.Builder().url(url).get().build(), subreddit);
  }

  /** A POST that must not be repeated once it may have reached Reddit (submit, comment). */
  JsonNode post(HttpUrl url, FormBody form, String subreddit) {
    return execute(new Request.Builder().url(url).post(form).build(), subreddit);
  }

  /** A POST that is safe to repeat (mark read, delete, select flair). */
  JsonNode postIdempotent(HttpUrl url, FormBody form, String subreddit) {
    return execute(
        new Request.Builder()
            .url(url)
            .post(form)
            .tag(Idempotent.class, Idempotent.INSTANCE)
            .build(),
        subreddit);
  }

  private JsonNode execute(Request request, String subreddit) {
    String label = request.method() + " " + request.url().encodedPath();
    long started = System.nanoTime();
    try (Response response = api.newCall(request).execute()) {
      int status = response.code();
      byte[] body = Bodies.read(response, settings.maxResponseBytes(), label);
      log.debug(
          "{} -> {} ({} bytes, {} ms, ratelimit remaining {})",
          label,
          status,
          body.length,
          (System.nanoTime() - started) / 1_000_000,
          response.header("x-ratelimit-remaining", "?"));
      if (status >= 200 && status < 300) {
        JsonNode json = parse(response, body, label, status);
        ApiErrors.throwIfErrors(json, label, status);
        return json;
      }
      JsonNode json = Bodies.isJson(response) ? parseQuietly(body) : MissingNode.getInstance();
      throw ApiErrors.forStatus(
          status,
          response.header("location"),
          response.header("www-authenticate"),
          json,
          label,
          subreddit);
    } catch (GaveUpException e) {
      throw gaveUp(e, label);
    } catch (SocketTimeoutException e) {
      throw new RedditUnavailableException(
          "Reddit did not answer " + label + " in time (" + e.getMessage() + ")", 1, e);
    } catch (InterruptedIOException e) {
      throw new RedditUnavailableException("Interrupted or cancelled while calling " + label, 1, e);
    } catch (IOException e) {
      throw new RedditUnavailableException(
          "Could not complete "
              + label
              + ": "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage()),
          1,
          e);
    }
  }

  private JsonNode parse(Response response, byte[] body, String label, int status) {
    if (!Bodies.isJson(response)) {
      throw new RedditProtocolException(
          "expected JSON from "
              + label
              + " but got "
              + Bodies.contentType(response)
              + " (HTTP "
              + status
              + "): "
              + Bodies.snippet(body));
    }
    JsonNode json;
    try {
      json = mapper.readTree(body);
    } catch (IOException e) {
      throw new RedditProtocolException(
          "malformed or truncated JSON from "
              + label
              + " (HTTP "
              + status
              + ", "
              + body.length
              + " bytes): "
              + (e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage()),
          e);
    }
    if (json == null || json.isMissingNode() || !json.isContainerNode()) {
      throw new RedditProtocolException(
          "expected a JSON object from " + label + " but got: " + Bodies.snippet(body));
    }
    return json;
  }

  private JsonNode parseQuietly(byte[] body) {
    try {
      JsonNode json = mapper.readTree(body);
      return json == null ? MissingNode.getInstance() : json;
    } catch (IOException e) {
      return MissingNode.getInstance();
    }
  }

  static RedditException gaveUp(GaveUpException e, String label) {
    if (e.status() == 429) {
      return new RateLimitedException(
          label,
          "429",
          e.getMessage(),
          null,
          429,
          e.delay() == null ? ApiErrors.UNKNOWN_WAIT : e.delay());
    }
    return new RedditUnavailableException(e.getMessage(), e.attempts(), e);
  }
}
