package dev.nichebot.reddit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;

/**
 * The recorded Reddit responses in {@code ../shared/fixtures/reddit/} (found through the system
 * property {@code nichebot.shared.dir}; tests using them are skipped, saying so, when the folder is
 * absent), and this project's hand-written ones in {@code src/test/resources/reddit/}.
 */
final class Fixtures {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Fixtures() {}

  private static final AtomicBoolean TOLD = new AtomicBoolean();

  static Path recordedDir() {
    String shared = System.getProperty("nichebot.shared.dir");
    Path dir = shared == null ? null : Path.of(shared, "fixtures", "reddit");
    boolean present = dir != null && Files.isDirectory(dir);
    String why =
        "Recorded Reddit fixtures not found at "
            + dir
            + " (system property nichebot.shared.dir = "
            + shared
            + "): skipping the tests on recorded responses";
    if (!present && TOLD.compareAndSet(false, true)) {
      System.err.println("WARNING: " + why); // surefire does not print assumption messages
    }
    assumeTrue(present, why);
    return dir;
  }

  static Recorded recorded(String name) {
    Path file = recordedDir().resolve(name);
    try {
      return new Recorded(name, MAPPER.readTree(file.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every recorded listing ({@code listing_*.json}). */
  static List<String> recordedListings() {
    try (Stream<Path> files = Files.list(recordedDir())) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("listing_") && n.endsWith(".json"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String local(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/reddit/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource reddit/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode localJson(String name) {
    try {
      return MAPPER.readTree(local(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A JSON answer with Reddit's content type. */
  static MockResponse json(int status, String body) {
    return new MockResponse.Builder()
        .code(status)
        .setHeader("content-type", "application/json; charset=UTF-8")
        .body(body)
        .build();
  }

  static MockResponse json(String body) {
    return json(200, body);
  }

  /** Parses a form-encoded request body. */
  static Map<String, String> form(String body) {
    return dev.nichebot.testing.Forms.parse(body);
  }

  /** One recorded interaction (the envelope described in the fixtures' README). */
  record Recorded(String name, JsonNode envelope) {
    int status() {
      return envelope.path("response").path("status").asInt();
    }

    JsonNode responseJson() {
      return envelope.path("response").path("body");
    }

    String body() {
      JsonNode body = responseJson();
      if (body.isTextual()) {
        return body.asText();
      }
      try {
        return MAPPER.writeValueAsString(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String requestMethod() {
      return envelope.path("request").path("method").asText();
    }

    /** The recorded request's path without a trailing slash (PRAW adds one, we do not). */
    String requestPath() {
      String uri = envelope.path("request").path("uri").asText();
      String path = okhttp3.HttpUrl.get(uri).encodedPath();
      return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    okhttp3.HttpUrl requestUrl() {
      return okhttp3.HttpUrl.get(envelope.path("request").path("uri").asText());
    }

    Map<String, String> requestForm() {
      return form(envelope.path("request").path("body").asText(""));
    }

    /** The recorded answer with its recorded headers, ready to serve. */
    MockResponse response() {
      return response(body());
    }

    /** The recorded status and headers with a different body (addresses rewritten to loopback). */
    MockResponse response(String body) {
      MockResponse.Builder builder = new MockResponse.Builder().code(status());
      for (Iterator<Map.Entry<String, JsonNode>> it =
              envelope.path("response").path("headers").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> header = it.next();
        builder.addHeader(header.getKey(), header.getValue().asText());
      }
      return builder.body(body).build();
    }
  }
}
