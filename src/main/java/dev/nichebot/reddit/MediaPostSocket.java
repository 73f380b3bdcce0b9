package dev.nichebot.reddit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reddit's websocket for one uploaded asset: after a native image submit it announces {@code
 * {"type":"success","payload":{"redirect":"<post URL>"}}} or {@code {"type":"failed"}}. Opened
 * before the submit so the announcement cannot be missed.
 */
final class MediaPostSocket implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MediaPostSocket.class);
  private static final Object CLOSED = new Object();

  private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
  private final CountDownLatch settled = new CountDownLatch(1);
  private final ObjectMapper mapper;
  private final String where;
  private WebSocket socket;

  private MediaPostSocket(ObjectMapper mapper, String where) {
    this.mapper = mapper;
    this.where = where;
  }

  /**
   * Opens the socket and waits (at most {@code patience}) until it is open or has failed, so the
   * submit that follows cannot outrun it. Empty if the URL is unusable; the caller then falls back
   * to looking the post up.
   */
  static Optional<MediaPostSocket> open(
      OkHttpClient client, String url, ObjectMapper mapper, Duration patience) {
    String http = url.replaceFirst("(?i)^ws:", "http:").replaceFirst("(?i)^wss:", "https:");
    HttpUrl parsed = HttpUrl.parse(http);
    if (parsed == null) {
      log.warn("Reddit sent an unusable websocket URL for the image post; will look it up instead");
      return Optional.empty();
    }
    // The query carries a signature: never log it.
    MediaPostSocket watcher = new MediaPostSocket(mapper, parsed.host() + parsed.encodedPath());
    watcher.socket =
        client.newWebSocket(new Request.Builder().url(parsed).build(), watcher.listener());
    try {
      if (!watcher.settled.await(patience.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn(
            "Reddit's websocket for the image post did not open in {} ms", patience.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Optional.of(watcher);
  }

  /** A post URL if Reddit announces success in time, empty on silence or a broken socket. */
  Optional<String> awaitPostUrl(Duration timeout, String label) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      Object event;
      try {
        event = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
      if (event == null) {
        log.warn(
            "Reddit's websocket said nothing about the image post within {} s",
            timeout.toSeconds());
        return Optional.empty();
      }
      if (event == CLOSED || event instanceof Throwable) {
        log.warn(
            "Reddit's websocket for the image post closed early ({})",
            event == CLOSED ? "closed" : event.getClass().getSimpleName());
        return Optional.empty();
      }
      JsonNode message;
      try {
        message = mapper.readTree((String) event);
      } catch (Exception e) {
        log.warn("Ignored an unreadable websocket message about the image post");
        continue;
      }
      String type = Json.text(message, "type").orElse("");
      if (type.equals("failed")) {
        throw new MediaPostFailedException(
            label, "MEDIA_POST_FAILED", "Reddit could not process the uploaded image", null, 200);
      }
      Optional<String> redirect = Json.nonBlank(message.path("payload"), "redirect");
      if (type.equals("success") && redirect.isPresent()) {
        return redirect;
      }
      log.debug("Websocket {} said '{}'; still waiting", where, Things.printable(type));
    }
  }

  @Override
  public void close() {
    if (socket != null) {
      socket.cancel();
    }
  }

  private WebSocketListener listener() {
    return new WebSocketListener() {
      @Override
      public void onOpen(WebSocket webSocket, Response response) {
        log.debug("Websocket {} open", where);
        settled.countDown();
      }

      @Override
      public void onMessage(WebSocket webSocket, String text) {
        events.add(text);
      }

      @Override
      public void onClosing(WebSocket webSocket, int code, String reason) {
        events.add(CLOSED);
        webSocket.close(1000, null);
      }

      @Override
      public void onClosed(WebSocket webSocket, int code, String reason) {
        events.add(CLOSED);
        settled.countDown();
      }

      @Override
      public void onFailure(WebSocket webSocket, Throwable t, Response response) {
        log.debug("Websocket {} failed: {}", where, t.toString());
        events.add(t);
        settled.countDown();
      }
    };
  }
}
