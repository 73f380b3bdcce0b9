package dev.nichebot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code nichebot classify} on a folder with one broken file, with the shipped demo bundle. */
class ClassifyCommandTest {
  private static final Path PROJECT = Path.of(System.getProperty("nichebot.project.dir", "."));
  @TempDir Path tmp;

  @Test
  void printsOneRowPerImageAndReportsTheBrokenOne() throws Exception {
    Path reference = PROJECT.resolve("src/test/resources/dev/nichebot/classify/reference");
    Files.copy(reference.resolve("fashion-pullover.png"), tmp.resolve("pullover.png"));
    Files.copy(reference.resolve("fashion-sneaker.png"), tmp.resolve("sneaker.png"));
    Files.writeString(tmp.resolve("broken.jpg"), "not a jpeg");
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new ClassifyCommand());
    cli.setOut(new PrintWriter(out));
    int code =
        cli.execute(
            "--model",
            PROJECT.resolve("models/demo-sleeves").toString(),
            "--nsfw",
            PROJECT.resolve("models/nsfw").toString(),
            "--json",
            tmp.toString());
    assertThat(code).isEqualTo(1); // one image failed
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.path("model_version").asText()).startsWith("demo-sleeves-");
    JsonNode results = json.path("results");
    assertThat(results.size()).isEqualTo(3);
    assertThat(results.get(0).path("id").asText()).endsWith("broken.jpg");
    assertThat(results.get(0).path("failed").asText()).contains("not an image");
    JsonNode pullover = results.get(1);
    JsonNode sneaker = results.get(2);
    assertThat(pullover.path("id").asText()).endsWith("pullover.png");
    // The demo niche is long sleeves: a pullover must score above a sneaker.
    assertThat(pullover.path("signal_score").asDouble())
        .isGreaterThan(sneaker.path("signal_score").asDouble());
    assertThat(pullover.path("nsfw_score").asDouble()).isLessThan(0.5);
  }

  @Test
  void aMissingModelIsAClearError() throws Exception {
    Files.copy(
        PROJECT.resolve("src/test/resources/dev/nichebot/classify/reference/scene.png"),
        tmp.resolve("scene.png"));
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new ClassifyCommand());
    cli.setErr(new PrintWriter(err));
    int code = cli.execute("--model", tmp.resolve("nope").toString(), tmp.toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("cannot load the model").contains("is not a folder");
  }
}
