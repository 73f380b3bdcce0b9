package dev.nichebot.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped TorchScript bundles, run by DJL's libtorch 2.7.1, against the outputs of the original
 * nsfwjs model in TF.js on the same images (fixture written by tools/nsfwjs-convert).
 */
class ConvertedModelTest {
  private static final double TOLERANCE = 1e-4;
  private static Backbone backbone;
  private static Head nsfwHead;
  private static JsonNode expected;
  private static float[][] embeddings;

  @BeforeAll
  static void load() throws Exception {
    backbone = Backbone.load(ModelBundles.readBackbone(TestModels.backbone()));
    nsfwHead = Head.load(ModelBundles.readHead(TestModels.nsfw()));
    expected =
        new ObjectMapper().readTree(TestModels.reference().resolve("expected.json").toFile());
    ImagePreprocessor pre = new ImagePreprocessor(backbone.input());
    List<JsonNode> images = new ArrayList<>();
    expected.path("images").forEach(images::add);
    float[] pixels = new float[images.size() * backbone.input().floatsPerImage()];
    for (int i = 0; i < images.size(); i++) {
      byte[] png =
          Files.readAllBytes(TestModels.reference().resolve(images.get(i).path("file").asText()));
      pre.prepare(png, pixels, i * backbone.input().floatsPerImage());
    }
    embeddings = backbone.embed(pixels, images.size());
  }

  @AfterAll
  static void close() {
    nsfwHead.close();
    backbone.close();
  }

  @Test
  void embeddingsMatchTheJsModel() {
    assertThat(embeddings.length).isEqualTo(expected.path("images").size());
    for (int i = 0; i < embeddings.length; i++) {
      JsonNode want = expected.path("images").get(i).path("features");
      assertThat(embeddings[i]).hasSize(1280);
      for (int k = 0; k < 1280; k++) {
        assertThat((double) embeddings[i][k])
            .as("image %d feature %d", i, k)
            .isCloseTo(want.get(k).asDouble(), within(TOLERANCE));
      }
    }
  }

  @Test
  void nsfwProbabilitiesMatchTheJsModel() {
    float[][] probabilities = nsfwHead.apply(embeddings);
    for (int i = 0; i < probabilities.length; i++) {
      JsonNode want = expected.path("images").get(i).path("probabilities");
      assertThat(probabilities[i]).hasSize(5);
      for (int k = 0; k < 5; k++) {
        assertThat((double) probabilities[i][k])
            .as("image %d class %d", i, k)
            .isCloseTo(want.get(k).asDouble(), within(TOLERANCE));
      }
    }
  }

  @Test
  void differentImagesGiveDifferentEmbeddings() {
    // Guards the fixture itself: a backbone that ignored its input would pass nothing above.
    double maxDiff = 0;
    for (int k = 0; k < 1280; k++) {
      maxDiff = Math.max(maxDiff, Math.abs(embeddings[0][k] - embeddings[2][k]));
    }
    assertThat(maxDiff).isGreaterThan(0.5);
  }
}
