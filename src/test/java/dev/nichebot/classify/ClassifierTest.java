package dev.nichebot.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The classifier as the classify stage uses it: batches, failures, NSFW scores, threads. */
class ClassifierTest {
  private static Path dir;
  private static Classifier classifier;
  private static JsonNode expected;
  private static List<ImageSource> references;

  @BeforeAll
  static void open() throws Exception {
    dir = Files.createTempDirectory("classifier-test");
    Path signal = SignalBundles.meanActivation(dir.resolve("signal"), TestModels.backbone(), 0.5);
    classifier = Classifier.builder(signal).nsfwBundle(TestModels.nsfw()).batchSize(4).build();
    expected =
        new ObjectMapper().readTree(TestModels.reference().resolve("expected.json").toFile());
    references = new ArrayList<>();
    for (JsonNode img : expected.path("images")) {
      String file = img.path("file").asText();
      references.add(
          ImageSource.of(file, Files.readAllBytes(TestModels.reference().resolve(file))));
    }
  }

  @AfterAll
  static void close() {
    classifier.close();
  }

  @Test
  void nsfwProbabilitiesMatchTheOriginalModel() {
    List<Classification> results = classifier.classify(references);
    assertThat(results).hasSize(references.size());
    for (int i = 0; i < results.size(); i++) {
      Classification.Scored s = (Classification.Scored) results.get(i);
      assertThat(s.id()).isEqualTo(references.get(i).id());
      Classification.NsfwScore nsfw = s.nsfw().orElseThrow();
      JsonNode want = expected.path("images").get(i).path("probabilities");
      List<String> labels = List.of("drawing", "hentai", "neutral", "porn", "sexy");
      for (int k = 0; k < labels.size(); k++) {
        assertThat(nsfw.probabilities().get(labels.get(k)))
            .isCloseTo(want.get(k).asDouble(), within(1e-4));
      }
      double summed = want.get(1).asDouble() + want.get(3).asDouble() + want.get(4).asDouble();
      assertThat(nsfw.score()).isCloseTo(summed, within(1e-4));
      assertThat(nsfw.modelVersion()).startsWith("mobilenet_v2-nsfwjs-4.4.0");
      assertThat(s.modelVersion()).isEqualTo("test-mean-activation");
      assertThat(s.signalScore()).isBetween(0.0, 1.0);
    }
  }

  @Test
  void oneCorruptImageDoesNotFailItsBatch() throws Exception {
    Path missing = dir.resolve("does-not-exist.jpg");
    List<ImageSource> batch =
        List.of(
            references.get(0),
            ImageSource.of("garbage", "this is not an image".getBytes()),
            references.get(1),
            ImageSource.of("missing", missing),
            references.get(2));
    List<Classification> results = classifier.classify(batch);
    assertThat(results)
        .extracting(Classification::id)
        .containsExactly(
            references.get(0).id(),
            "garbage",
            references.get(1).id(),
            "missing",
            references.get(2).id());
    assertThat(results.get(1)).isInstanceOf(Classification.Failed.class);
    assertThat(((Classification.Failed) results.get(1)).reason()).contains("not an image");
    assertThat(((Classification.Failed) results.get(3)).reason()).contains("file not found");
    // The good images score as they do without bad neighbours.
    List<Classification> alone =
        classifier.classify(List.of(references.get(0), references.get(1), references.get(2)));
    for (int[] pair : new int[][] {{0, 0}, {2, 1}, {4, 2}}) {
      Classification.Scored inBatch = (Classification.Scored) results.get(pair[0]);
      Classification.Scored single = (Classification.Scored) alone.get(pair[1]);
      assertThat(inBatch.signalScore()).isCloseTo(single.signalScore(), within(1e-5));
    }
  }

  @Test
  void anEmptyListGivesNoResults() {
    assertThat(classifier.classify(List.of())).isEmpty();
  }

  @Test
  void concurrentCallersGetTheSameScores() throws Exception {
    List<Classification> reference = classifier.classify(references);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<List<Classification>>> futures = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        futures.add(pool.submit(() -> classifier.classify(references)));
      }
      for (Future<List<Classification>> f : futures) {
        List<Classification> got = f.get();
        for (int i = 0; i < got.size(); i++) {
          assertThat(((Classification.Scored) got.get(i)).signalScore())
              .isCloseTo(((Classification.Scored) reference.get(i)).signalScore(), within(1e-5));
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aClosedClassifierRefusesWork() throws Exception {
    Path signal = SignalBundles.meanActivation(dir.resolve("signal2"), TestModels.backbone(), 0.5);
    Classifier c = Classifier.builder(signal).build();
    c.close();
    c.close(); // idempotent
    assertThatThrownBy(() -> c.classify(references)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aBundleOfTheWrongKindIsRefused() {
    assertThatThrownBy(() -> Classifier.builder(TestModels.nsfw()).build())
        .isInstanceOf(ModelBundleException.class)
        .hasMessageContaining("not a signal bundle");
  }
}
