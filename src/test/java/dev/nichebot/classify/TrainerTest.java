package dev.nichebot.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training on generated images (always available): striped images are signal, blobs are noise. The
 * real backbone must make that easy; a head that learned nothing would score 0.5.
 */
class TrainerTest {
  @TempDir Path tmp;

  static TrainingExample generated(String name, boolean signal, long seed) {
    return new TrainingExample(
        name, Sha256.of((name + seed).getBytes()), () -> draw(signal, new Random(seed)), signal);
  }

  static BufferedImage draw(boolean stripes, Random r) {
    BufferedImage img = new BufferedImage(224, 224, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(new Color(r.nextInt(0x1000000)));
    g.fillRect(0, 0, 224, 224);
    g.setColor(new Color(r.nextInt(0x1000000)));
    if (stripes) {
      int step = 10 + r.nextInt(20);
      g.setStroke(new BasicStroke(step / 2f));
      for (int y = r.nextInt(step); y < 224; y += step) {
        g.drawLine(0, y, 224, y);
      }
    } else {
      for (int i = 0; i < 6; i++) {
        int s = 20 + r.nextInt(60);
        g.fillOval(r.nextInt(224) - s / 2, r.nextInt(224) - s / 2, s, s);
      }
    }
    g.dispose();
    return img;
  }

  static List<TrainingExample> dataset(int perClass, long seedBase) {
    List<TrainingExample> out = new ArrayList<>();
    for (int i = 0; i < perClass; i++) {
      out.add(generated("stripes-" + i, true, seedBase + i));
      out.add(generated("blobs-" + i, false, seedBase + 1000 + i));
    }
    return out;
  }

  @Test
  void learnsStripesVersusBlobsWellAboveChance() throws Exception {
    Path cache = tmp.resolve("cache");
    TrainingOptions options =
        TrainingOptions.builder(TestModels.backbone(), tmp.resolve("model"))
            .cacheDir(cache)
            .name("stripes")
            .seed(3)
            .validationFraction(0.25)
            .augment(2)
            .hidden(0)
            .maxEpochs(60)
            .build();
    TrainingResult result = Trainer.trainExamples(dataset(16, 0), options);

    assertThat(result.validation().rocAuc()).isGreaterThanOrEqualTo(0.9);
    assertThat(result.trainEmbeddings()).isEqualTo(12 * 2 + 12); // signal doubled by augmentation

    HeadBundle bundle = ModelBundles.readHead(result.bundleDir());
    assertThat(bundle.kind()).isEqualTo(HeadBundle.Kind.SIGNAL);
    assertThat(bundle.threshold()).isEqualTo(result.threshold());
    assertThat(bundle.metrics().path("validation").path("roc_auc").asDouble())
        .isEqualTo(result.validation().rocAuc());
    for (String plot : List.of("precision-recall.png", "loss.png", "scores.png")) {
      BufferedImage png = ImageIO.read(result.bundleDir().resolve("plots").resolve(plot).toFile());
      assertThat(png.getWidth()).isEqualTo(640);
    }

    // Images it never saw, scored through the evaluation path.
    try (EmbeddingCache c = EmbeddingCache.inMemory(1280)) {
      Evaluation e = Evaluation.run(bundle, dataset(10, 50_000), c, 0.8, 0, 8, null);
      assertThat(e.atBundleThreshold().rocAuc()).isGreaterThanOrEqualTo(0.9);
      assertThat(e.atBundleThreshold().balancedAccuracy()).isGreaterThanOrEqualTo(0.8);
    }

    // Same seed, same data: every embedding comes from the cache and the head is identical.
    TrainingResult again =
        Trainer.trainExamples(
            dataset(16, 0),
            TrainingOptions.builder(TestModels.backbone(), tmp.resolve("model2"))
                .cacheDir(cache)
                .name("stripes")
                .seed(3)
                .validationFraction(0.25)
                .augment(2)
                .hidden(0)
                .maxEpochs(60)
                .build());
    assertThat(again.embeddingsComputed()).isZero();
    assertThat(Files.readAllBytes(again.bundleDir().resolve("head.bin")))
        .isEqualTo(Files.readAllBytes(result.bundleDir().resolve("head.bin")));
  }

  @Test
  void refusesToOverwriteABundle() throws Exception {
    Path out = Files.createDirectories(tmp.resolve("taken"));
    Files.writeString(out.resolve("bundle.json"), "{}");
    TrainingOptions options = TrainingOptions.builder(TestModels.backbone(), out).build();
    assertThatThrownBy(() -> Trainer.trainExamples(dataset(4, 0), options))
        .hasMessageContaining("already holds a bundle");
  }

  @Test
  void needsBothClassesOnBothSides() {
    List<TrainingExample> onlySignal =
        dataset(4, 0).stream().filter(TrainingExample::signal).toList();
    TrainingOptions options =
        TrainingOptions.builder(TestModels.backbone(), tmp.resolve("m")).build();
    assertThatThrownBy(() -> Trainer.trainExamples(onlySignal, options))
        .hasMessageContaining("need signal and noise images");
  }

  @Test
  void imagesThatFailToEmbedAreLeftOutAndAnEmptiedClassIsAClearError() {
    // Every noise image is unreadable: the split has both classes, the embeddings do not.
    List<TrainingExample> brokenNoise = new ArrayList<>();
    for (TrainingExample e : dataset(6, 0)) {
      brokenNoise.add(
          e.signal()
              ? e
              : new TrainingExample(
                  e.id(),
                  e.sha256(),
                  () -> {
                    throw new ImageDecodeException("not an image: " + e.id());
                  },
                  false));
    }
    TrainingOptions options =
        TrainingOptions.builder(TestModels.backbone(), tmp.resolve("m")).seed(1).build();
    assertThatThrownBy(() -> Trainer.trainExamples(brokenNoise, options))
        .hasMessageContaining("the training set has")
        .hasMessageContaining(" signal and 0 noise images; both classes are needed")
        .hasMessageContaining("failed, first: blobs-")
        .hasMessageContaining("not an image");
    assertThat(tmp.resolve("m")).doesNotExist();
  }

  @Test
  void readsALabelledFolder() throws Exception {
    Path data = tmp.resolve("data");
    Files.createDirectories(data.resolve("signal/sub"));
    Files.createDirectories(data.resolve("noise"));
    ImageIO.write(draw(true, new Random(1)), "png", data.resolve("signal/sub/a.png").toFile());
    ImageIO.write(draw(false, new Random(2)), "png", data.resolve("noise/b.PNG").toFile());
    Files.writeString(data.resolve("noise/notes.txt"), "not an image");
    List<LabeledImage> images = LabeledImage.fromFolder(data);
    assertThat(images)
        .containsExactly(
            new LabeledImage(data.resolve("signal/sub/a.png"), true),
            new LabeledImage(data.resolve("noise/b.PNG"), false));
    assertThatThrownBy(() -> LabeledImage.fromFolder(tmp.resolve("data/signal")))
        .hasMessageContaining("needs sub-folders signal/ and noise/");
  }
}
