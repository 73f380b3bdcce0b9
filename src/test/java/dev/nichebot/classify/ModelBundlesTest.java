package dev.nichebot.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading bundles: the shipped ones work, and every broken one says what is wrong. */
class ModelBundlesTest {
  @TempDir Path tmp;

  @Test
  void theShippedBundlesLoad() throws Exception {
    BackboneBundle backbone = ModelBundles.readBackbone(TestModels.backbone());
    assertThat(backbone.input().width()).isEqualTo(224);
    assertThat(backbone.input().height()).isEqualTo(224);
    assertThat(backbone.embeddingSize()).isEqualTo(1280);
    assertThat(backbone.version()).startsWith("mobilenet_v2-nsfwjs-4.4.0");

    HeadBundle nsfw = ModelBundles.readHead(TestModels.nsfw());
    assertThat(nsfw.kind()).isEqualTo(HeadBundle.Kind.NSFW);
    assertThat(nsfw.labels()).containsExactly("drawing", "hentai", "neutral", "porn", "sexy");
    assertThat(nsfw.nsfwLabels()).containsExactly("hentai", "porn", "sexy");
    assertThat(nsfw.backbone().sha256()).isEqualTo(backbone.sha256());
  }

  @Test
  void aFolderWithoutMetadataIsNotABundle() {
    assertThatThrownBy(() -> ModelBundles.readBackbone(tmp))
        .isInstanceOf(ModelBundleException.class)
        .hasMessageContaining("has no bundle.json");
    assertThatThrownBy(() -> ModelBundles.readBackbone(tmp.resolve("nowhere")))
        .hasMessageContaining("is not a folder");
  }

  @Test
  void invalidJsonIsReported() throws Exception {
    Files.writeString(tmp.resolve("bundle.json"), "{\"format\": ");
    assertThatThrownBy(() -> ModelBundles.readBackbone(tmp))
        .isInstanceOf(ModelBundleException.class)
        .hasMessageContaining("is not valid JSON");
  }

  @Test
  void aMissingWeightsFileIsNamed() throws Exception {
    Files.copy(TestModels.backbone().resolve("bundle.json"), tmp.resolve("bundle.json"));
    assertThatThrownBy(() -> ModelBundles.readBackbone(tmp))
        .isInstanceOf(ModelBundleException.class)
        .hasMessageContaining("backbone.pt")
        .hasMessageContaining("is missing");
  }

  @Test
  void corruptWeightsFailTheChecksum() throws Exception {
    Files.copy(TestModels.backbone().resolve("bundle.json"), tmp.resolve("bundle.json"));
    byte[] weights = Files.readAllBytes(TestModels.backbone().resolve("backbone.pt"));
    weights[weights.length / 2] ^= 0x5A; // one flipped byte in the middle of the weights
    Files.write(tmp.resolve("backbone.pt"), weights);
    assertThatThrownBy(() -> ModelBundles.readBackbone(tmp))
        .isInstanceOf(ModelBundleException.class)
        .hasMessageContaining("backbone.pt is corrupt or was replaced");
  }

  @Test
  void corruptWeightsWithoutAChecksumFailToLoad() throws Exception {
    Path dir = TestModels.tinyBackbone(tmp.resolve("tiny"), 32, 8);
    Files.write(dir.resolve("backbone.pt"), "PK\u0003\u0004 not really a zip".getBytes());
    BackboneBundle bundle = ModelBundles.readBackbone(dir);
    assertThatThrownBy(() -> Backbone.load(bundle))
        .isInstanceOf(ModelBundleException.class)
        .hasMessageContaining("cannot load backbone.pt as TorchScript");
  }

  @Test
  void aModelThatRejectsTheDeclaredInputSizeFailsAtLoad() throws Exception {
    // The tiny module only takes 32x32 images; the metadata claims 64x64.
    BackboneBundle bundle =
        ModelBundles.readBackbone(TestModels.tinyBackbone(tmp.resolve("t"), 64, 8));
    assertThatThrownBy(() -> Backbone.load(bundle))
        .isInstanceOf(ModelBundleException.class)
        .hasMessageContaining("does not accept the declared input size 3x64x64");
  }

  @Test
  void aWrongEmbeddingSizeFailsAtLoad() throws Exception {
    BackboneBundle bundle =
        ModelBundles.readBackbone(TestModels.tinyBackbone(tmp.resolve("t"), 32, 16));
    assertThatThrownBy(() -> Backbone.load(bundle))
        .isInstanceOf(ModelBundleException.class)
        .hasMessageContaining("gives 8 values per image, bundle.json declares embedding_size 16");
  }

  @Test
  void anAbsurdInputSizeIsRejectedFromTheMetadata() throws Exception {
    Path dir = TestModels.tinyBackbone(tmp.resolve("t"), 32, 8);
    Files.writeString(
        dir.resolve("bundle.json"),
        Files.readString(dir.resolve("bundle.json")).replace("\"width\": 32", "\"width\": 0"));
    assertThatThrownBy(() -> ModelBundles.readBackbone(dir))
        .isInstanceOf(ModelBundleException.class)
        .hasMessageContaining("input size 0x32");
  }

  @Test
  void theTinyBackboneLoadsAndEmbeds() throws Exception {
    try (Backbone b =
        Backbone.load(
            ModelBundles.readBackbone(TestModels.tinyBackbone(tmp.resolve("t"), 32, 8)))) {
      float[][] e = b.embed(new float[2 * 3 * 32 * 32], 2);
      assertThat(e.length).isEqualTo(2);
      assertThat(e[0]).hasSize(8);
    }
  }

  @Test
  void aHeadOnAnotherBackboneIsRefused() throws Exception {
    Path backbone = TestModels.tinyBackbone(tmp.resolve("backbone"), 32, 8);
    Path nsfw = Files.createDirectories(tmp.resolve("nsfw"));
    Files.copy(TestModels.nsfw().resolve("head.pt"), nsfw.resolve("head.pt"));
    Files.copy(TestModels.nsfw().resolve("bundle.json"), nsfw.resolve("bundle.json"));
    assertThat(backbone.getFileName().toString()).isEqualTo("backbone");
    // bundle.json says ../backbone, which is now the tiny one
    assertThatThrownBy(() -> ModelBundles.readHead(nsfw))
        .isInstanceOf(ModelBundleException.class)
        .hasMessageContaining("trained on backbone sha256")
        .hasMessageContaining("retrain the head");
  }
}
