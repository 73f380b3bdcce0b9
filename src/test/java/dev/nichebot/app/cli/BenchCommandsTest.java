package dev.nichebot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The bench commands run end to end on small inputs and print what they promise. */
class BenchCommandsTest {
  @TempDir Path dir;

  private static String run(Object command, String... args) {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(command);
    cli.setOut(new PrintWriter(out));
    int code = cli.execute(args);
    assertThat(code).as(out.toString()).isZero();
    return out.toString();
  }

  @Test
  void benchDedupPrintsOneJsonObjectWithRecallFalseMatchesAndIndexFigures() throws Exception {
    String json =
        run(
            new BenchDedupCommand(),
            "--render",
            "6",
            "--index-size",
            "5000",
            "--queries",
            "100",
            "--json");

    JsonNode report = new ObjectMapper().readTree(json);
    assertThat(report.get("pictures").asInt()).isEqualTo(6);
    assertThat(report.get("recall").get("resize_50").asDouble()).isBetween(0.0, 1.0);
    assertThat(report.get("distinctPairs").asInt()).isEqualTo(15);
    JsonNode index = report.get("multiIndex");
    assertThat(index.get("size").asInt()).isEqualTo(5000);
    assertThat(index.get("plantedNearQueries").asInt()).isEqualTo(50);
    assertThat(index.get("plantedMissed").asInt()).isZero();
    assertThat(report.get("bkTree").get("plantedMissed").asInt()).isZero();
    assertThat(index.get("newPictureCheck").get("medianMs").asDouble()).isPositive();
    assertThat(index.get("nearDuplicateCheck").get("p99Ms").asDouble()).isPositive();
  }

  @Test
  void benchDedupPrintsATable() {
    String table =
        run(
            new BenchDedupCommand(),
            "--render",
            "4",
            "--index-size",
            "2000",
            "--queries",
            "20",
            "--no-bk-tree");

    assertThat(table).contains("resize 50%", "mirror", "crop 5%", "false match, distinct");
    assertThat(table).contains("multiIndex").doesNotContain("bkTree");
  }

  @Test
  void benchCrawlFetchesChecksAndStoresEveryImage() throws Exception {
    String json =
        run(
            new BenchCrawlCommand(),
            "--render",
            "--images",
            "24",
            "--width",
            "400",
            "--concurrency",
            "4",
            "--work-dir",
            dir.toString(),
            "--json");

    JsonNode report = new ObjectMapper().readTree(json);
    assertThat(report.get("stored").asInt()).isEqualTo(24);
    assertThat(report.get("storedFiles").asInt()).isEqualTo(24);
    assertThat(report.get("failures").size()).isZero();
    assertThat(report.get("imagesPerSecond").asDouble()).isPositive();
    // The stage on the same images: every candidate ends stored or as a duplicate.
    assertThat(report.get("stageDownloaded").asInt() + report.get("stageDuplicate").asInt())
        .isEqualTo(24);
    assertThat(report.get("stageFailed").asInt()).isZero();
    assertThat(dir).isEmptyDirectory(); // its own store removed, nothing else touched
  }
}
