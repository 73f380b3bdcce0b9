package dev.nichebot.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.List;

/** {@code /healthz}: 200 when every check is up, 503 otherwise; the JSON body says which. */
public final class HealthHandler implements HttpHandler {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<HealthCheck> checks;

  public HealthHandler(List<HealthCheck> checks) {
    this.checks = List.copyOf(checks);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode detail = body.putObject("checks");
    boolean allUp = true;
    for (HealthCheck check : checks) {
      boolean up;
      try {
        up = check.isUp();
      } catch (RuntimeException e) {
        up = false;
      }
      detail.put(check.name(), up ? "up" : "down");
      allUp &= up;
    }
    body.put("status", allUp ? "ok" : "unavailable");
    WebServer.send(exchange, allUp ? 200 : 503, "application/json", JSON.writeValueAsString(body));
  }
}
