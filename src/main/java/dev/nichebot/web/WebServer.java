package dev.nichebot.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's own small HTTP server (the JDK's, no framework): health, metrics, and whatever pages
 * features add with {@link #route}. A handler that throws answers 500, never a hung connection.
 */
public final class WebServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebServer.class);

  private final HttpServer server;
  private final ExecutorService executor;

  private WebServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  public static WebServer bind(String host, int port) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
    ExecutorService executor =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "web");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    return new WebServer(server, executor);
  }

  /** Serves {@code path} and everything below it. */
  public WebServer route(String path, HttpHandler handler) {
    server.createContext(path, exchange -> safely(handler, exchange));
    return this;
  }

  public void start() {
    server.start();
    log.info("web server listening on http://{}:{}/", host(), port());
  }

  /** The port actually bound (useful when configured as an ephemeral port in tests). */
  public int port() {
    return server.getAddress().getPort();
  }

  public String host() {
    return server.getAddress().getHostString();
  }

  @Override
  public void close() {
    server.stop(1);
    executor.shutdown();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void safely(HttpHandler handler, HttpExchange exchange) {
    try (exchange) {
      handler.handle(exchange);
    } catch (IOException | RuntimeException e) {
      log.warn(
          "{} {} failed: {}",
          exchange.getRequestMethod(),
          // The path only: a query may carry a token.
          exchange.getRequestURI().getRawPath(),
          e.toString());
      try {
        send(exchange, 500, "application/json", "{\"error\":\"internal error\"}");
      } catch (IOException | RuntimeException ignored) {
        // The response may already have been started; nothing more to do.
      }
    }
  }

  /** Writes a whole response. */
  public static void send(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    send(exchange, status, contentType, bytes);
  }

  public static void send(HttpExchange exchange, int status, String contentType, byte[] bytes)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    boolean head = "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(status, head ? -1 : (bytes.length == 0 ? -1 : bytes.length));
    if (!head && bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
