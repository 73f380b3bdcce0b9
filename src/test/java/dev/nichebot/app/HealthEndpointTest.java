package dev.nichebot.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nichebot.config.BotConfig;
import dev.nichebot.config.ConfigLoader;
import dev.nichebot.domain.NewCandidate;
import dev.nichebot.store.Database;
import dev.nichebot.testing.ChildBot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /healthz and /metrics over real HTTP, against a started bot. */
class HealthEndpointTest {
  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthIsOkWhileDatabaseAndSchedulerRunAnd503WithTheCauseOtherwise() throws Exception {
    int port = ChildBot.freePort();
    BotConfig config =
        ConfigLoader.defaults(
            dir,
            Map.of("data.dir", dir.resolve("data").toString(), "web.port", Integer.toString(port)));
    Database db = Database.open(config.store());
    db.migrate();
    Bot bot = Bot.create(config, db, Clock.systemUTC());
    try {
      bot.start();
      HttpResponse<String> ok = get(port, "/healthz");
      assertThat(ok.statusCode()).isEqualTo(200);
      JsonNode body = new ObjectMapper().readTree(ok.body());
      assertThat(body.get("status").asText()).isEqualTo("ok");
      assertThat(body.at("/checks/database").asText()).isEqualTo("up");
      assertThat(body.at("/checks/scheduler").asText()).isEqualTo("up");

      bot.core().candidates().discover(NewCandidate.of(null, "https://i.example/a.jpg"));
      HttpResponse<String> metrics = get(port, "/metrics");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
      assertThat(metrics.body()).contains("nichebot_candidates{state=\"DISCOVERED\"} 1.0");
      assertThat(metrics.body()).contains("jvm_memory_used_bytes");

      bot.scheduler().shutdown(java.time.Duration.ofSeconds(2));
      HttpResponse<String> schedulerDown = get(port, "/healthz");
      assertThat(schedulerDown.statusCode()).isEqualTo(503);
      assertThat(new ObjectMapper().readTree(schedulerDown.body()).at("/checks/scheduler").asText())
          .isEqualTo("down");

      db.close();
      HttpResponse<String> dbDown = get(port, "/healthz");
      assertThat(dbDown.statusCode()).isEqualTo(503);
      JsonNode down = new ObjectMapper().readTree(dbDown.body());
      assertThat(down.get("status").asText()).isEqualTo("unavailable");
      assertThat(down.at("/checks/database").asText()).isEqualTo("down");
    } finally {
      bot.close();
      db.close();
    }
  }
}
