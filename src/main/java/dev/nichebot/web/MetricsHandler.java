package dev.nichebot.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;

/** {@code /metrics} in Prometheus' text format. */
public final class MetricsHandler implements HttpHandler {
  private final PrometheusMeterRegistry registry;

  public MetricsHandler(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    WebServer.send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
  }
}
