package dev.nichebot.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small real task: trousers against dresses (both long and narrow), trained on the official
 * training split and scored on the official test split. Needs Debian's dataset-fashion-mnist.
 */
class FashionMnistTrainingTest {
  @TempDir Path tmp;

  @Test
  void trousersAreToldFromDressesWellAboveChance() throws Exception {
    var dir = FashionMnist.locate();
    assumeTrue(
        dir.isPresent(),
        "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist): skipped");
    FashionMnist train = FashionMnist.train(dir.get());
    FashionMnist test = FashionMnist.test(dir.get());
    int trouser = FashionMnist.classIndex("Trouser");
    List<TrainingExample> trainSet = pick(train, trouser, 20);
    List<TrainingExample> testSet = pick(test, trouser, 20);

    TrainingResult result =
        Trainer.trainExamples(
            trainSet,
            TrainingOptions.builder(TestModels.backbone(), tmp.resolve("model"))
                .seed(11)
                .validationFraction(0.25)
                .augment(2)
                .hidden(0)
                .maxEpochs(60)
                .build());
    HeadBundle bundle = ModelBundles.readHead(result.bundleDir());
    try (EmbeddingCache c = EmbeddingCache.inMemory(1280)) {
      Evaluation e = Evaluation.run(bundle, testSet, c, 0.8, 0, 8, null);
      assertThat(e.atBundleThreshold().rocAuc()).isGreaterThanOrEqualTo(0.85);
      assertThat(e.atBundleThreshold().balancedAccuracy()).isGreaterThanOrEqualTo(0.75);
    }
  }

  /** The first {@code n} of the signal class and the first {@code n} dresses. */
  private static List<TrainingExample> pick(FashionMnist data, int signal, int n) {
    int dress = FashionMnist.classIndex("Dress");
    List<TrainingExample> out = new ArrayList<>();
    int s = 0;
    int o = 0;
    for (int i = 0; i < data.size() && (s < n || o < n); i++) {
      int label = data.label(i);
      if (label == signal && s < n) {
        out.add(data.example(i, true));
        s++;
      } else if (label == dress && o < n) {
        out.add(data.example(i, false));
        o++;
      }
    }
    return out;
  }
}
