package dev.nichebot.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --fine-tune} on a handful of generated images: a few steps, end to end. */
class FineTunerTest {
  @TempDir Path tmp;

  @Test
  void fineTuningWritesATunedBackboneThatTheClassifierUses() throws Exception {
    List<TrainingExample> data = TrainerTest.dataset(8, 0);
    TrainingResult result =
        Trainer.trainExamples(
            data,
            TrainingOptions.builder(TestModels.backbone(), tmp.resolve("model"))
                .seed(5)
                .validationFraction(0.25)
                .augment(1)
                .hidden(0)
                .maxEpochs(30)
                .fineTune(true)
                .fineTuneEpochs(1)
                .build());

    Path tuned = result.bundleDir().resolve("backbone");
    assertThat(tuned.resolve("backbone.pt")).exists();
    BackboneBundle original = ModelBundles.readBackbone(TestModels.backbone());
    BackboneBundle tunedBundle = ModelBundles.readBackbone(tuned);
    assertThat(tunedBundle.sha256()).isNotEqualTo(original.sha256()); // its weights moved
    assertThat(tunedBundle.version()).startsWith(original.version() + "-tuned-");
    assertThat(Files.size(tunedBundle.weightsFile())).isGreaterThan(8_000_000L);

    HeadBundle bundle = ModelBundles.readHead(result.bundleDir());
    assertThat(bundle.backbone().dir()).isEqualTo(tunedBundle.dir());
    assertThat(result.validation().rocAuc()).isGreaterThanOrEqualTo(0.8);
    try (Classifier classifier = Classifier.builder(result.bundleDir()).build()) {
      byte[] png = ImagePreprocessorTest.png(TrainerTest.draw(true, new java.util.Random(99)));
      Classification c = classifier.classify(List.of(ImageSource.of("stripes", png))).get(0);
      assertThat(c).isInstanceOf(Classification.Scored.class);
    }
  }
}
