package dev.nichebot.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nichebot.testing.ChildBot;
import dev.nichebot.testing.ProjectFiles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a newcomer sees after the README's first command: {@code nichebot demo} as a real process
 * crawls the shipped samples, marks their duplicates, scores them with the shipped model, shows the
 * likely ones on the review page, and a click there ends up in the dry-run outbox.
 */
class DemoTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern FILE = Pattern.compile("fmnist-test-\\d{5}(-[a-z]+)?");

  @TempDir Path dir;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void theDemoTurnsTheWholeLoopWithNoAccounts() throws Exception {
    Path samples = ProjectFiles.of("samples/fashion-sleeves");
    Map<String, Boolean> signal = signalByFile(samples.resolve("labels.csv"));
    // Started in an empty folder: the model is found beside the build output, as beside the jar.
    try (ChildBot bot = new ChildBot(dir, "demo")) {
      bot.env("NICHEBOT_CRAWL_SOURCES", "folder:/nowhere-the-demo-ignores-this");
      bot.start();
      // The samples are found beside the build output too; the environment cannot move them.
      bot.awaitHealthy(Duration.ofSeconds(90));
      String base = "http://127.0.0.1:" + bot.port();
      assertThat(bot.output()).contains("review page  " + base + "/review");
      assertThat(bot.output()).contains(dir.resolve("data/outbox").toString());

      // Every sample is crawled and each reaches an end of the automatic part of the loop.
      await()
          .atMost(Duration.ofMinutes(4))
          .pollInterval(Duration.ofSeconds(2))
          .until(
              () -> {
                Map<String, Long> s = states(base);
                return s.getOrDefault("DISCOVERED", 0L) == 0
                    && s.getOrDefault("DOWNLOADED", 0L) == 0
                    && s.values().stream().mapToLong(Long::longValue).sum() >= 272;
              });
      Map<String, Long> states = states(base);
      // 32 of the 272 files are copies, resized, re-encoded or brightened originals.
      assertThat(states.getOrDefault("DUPLICATE", 0L)).isBetween(24L, 40L);
      assertThat(states.getOrDefault("FAILED", 0L)).isZero();
      assertThat(states.getOrDefault("BELOW_THRESHOLD", 0L)).isGreaterThan(100L);

      JsonNode waiting = get(base + "/review/api/candidates?mode=review&limit=500");
      long shown = waiting.get("total").asLong();
      assertThat(shown).isBetween(40L, 120L);
      // The page shows mostly garments with long sleeves: the classifier does real work (the
      // samples hold 72 signal originals among 240, a base rate of 0.3).
      long hits = 0;
      for (JsonNode item : waiting.get("items")) {
        Matcher m = FILE.matcher(item.toString());
        assertThat(m.find()).as("the title names the sample file: %s", item).isTrue();
        if (signal.getOrDefault(m.group() + ".jpg", false)) {
          hits++;
        }
      }
      assertThat((double) hits / shown).isGreaterThan(0.7);

      long chosen = waiting.get("items").get(0).get("id").asLong();
      HttpResponse<String> approved =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(base + "/review/api/candidates/" + chosen + "/approve"))
                  .header("Origin", base)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"reviewer\":\"newcomer\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);

      Path post = dir.resolve("data/outbox/candidate-" + chosen + ".json");
      await().atMost(Duration.ofSeconds(90)).until(() -> Files.isRegularFile(post));
      JsonNode written = JSON.readTree(post.toFile());
      assertThat(written.get("candidate").asLong()).isEqualTo(chosen);
      assertThat(dir.resolve("data/outbox").resolve(written.get("image").asText())).isRegularFile();
      // /metrics reads the counts at most every few seconds.
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> states(base).getOrDefault("PUBLISHED", 0L) == 1L);

      assertThat(bot.terminate(Duration.ofSeconds(60))).isZero();
    }
  }

  private JsonNode get(String url) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  /** Candidates per state, as /metrics tells an operator. */
  private Map<String, Long> states(String base) throws IOException, InterruptedException {
    String metrics =
        http.send(
                HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Map<String, Long> out = new HashMap<>();
    Matcher m =
        Pattern.compile("(?m)^nichebot_candidates\\{[^}]*state=\"([A-Z_]+)\"[^}]*} ([0-9.E]+)$")
            .matcher(metrics);
    while (m.find()) {
      out.put(m.group(1), (long) Double.parseDouble(m.group(2)));
    }
    return out;
  }

  private static Map<String, Boolean> signalByFile(Path labels) throws IOException {
    Map<String, Boolean> out = new HashMap<>();
    try (Stream<String> lines = Files.lines(labels)) {
      lines.skip(1).map(l -> l.split(",", -1)).forEach(f -> out.put(f[0], f[2].equals("yes")));
    }
    return out;
  }
}
