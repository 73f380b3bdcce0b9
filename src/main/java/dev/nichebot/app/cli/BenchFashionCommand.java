package dev.nichebot.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nichebot.classify.DjlRuntime;
import dev.nichebot.classify.EmbeddingCache;
import dev.nichebot.classify.Embeddings;
import dev.nichebot.classify.Evaluation;
import dev.nichebot.classify.FashionMnist;
import dev.nichebot.classify.HeadBundle;
import dev.nichebot.classify.MetricsTable;
import dev.nichebot.classify.ModelBundles;
import dev.nichebot.classify.Trainer;
import dev.nichebot.classify.TrainingExample;
import dev.nichebot.classify.TrainingOptions;
import dev.nichebot.classify.TrainingResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nichebot bench fashion --signal CLASS}: a task shaped like the seed's (one class as
 * signal, the rest as noise at about 1:26, about 1,000 signal images to train on), trained on the
 * official training split and evaluated on the official test split at the same ratio.
 */
@Command(
    name = "fashion",
    mixinStandardHelpOptions = true,
    description = {
      "Train and evaluate on a seed-like Fashion-MNIST task (Debian's dataset-fashion-mnist):",
      "one class as signal, the rest as noise at about 1:26."
    })
public final class BenchFashionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--signal", description = "The signal class. Default: ${DEFAULT-VALUE}.")
  String signal = "Pullover";

  @Option(
      names = "--signal-images",
      description = "Signal images in the training data. Default: ${DEFAULT-VALUE}.")
  int signalImages = 1000;

  @Option(
      names = "--ratio",
      description = "Noise images per signal image. Default: ${DEFAULT-VALUE}.")
  int ratio = 26;

  @Option(
      names = "--backbone",
      paramLabel = "DIR",
      description = "Backbone bundle. Default: ${DEFAULT-VALUE}.")
  Path backbone = Path.of("models/backbone");

  @Option(
      names = "--cache",
      paramLabel = "DIR",
      description = "Embedding cache. Default: ${DEFAULT-VALUE}.")
  Path cache = Path.of("data/cache/embeddings");

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Where the trained bundle goes. Default: a temporary folder.")
  Path out;

  @Option(names = "--seed", description = "Random seed. Default: ${DEFAULT-VALUE}.")
  long seed = 42;

  @Option(names = "--augment", description = "Views per signal image. Default: ${DEFAULT-VALUE}.")
  int augment = 6;

  @Mixin HeadTrainingOptions head = new HeadTrainingOptions();

  @Option(names = "--hidden", description = "Hidden units of the head. Default: ${DEFAULT-VALUE}.")
  int hidden = 256;

  @Option(
      names = "--target-recall",
      description = "Recall at which lift is reported. Default: ${DEFAULT-VALUE}.")
  double targetRecall = 0.8;

  @Option(
      names = "--fine-tune",
      description = "Also fine-tune the backbone's last blocks (as train --fine-tune).")
  boolean fineTune;

  @Option(
      names = "--fine-tune-epochs",
      description = "Passes over the signal images when fine-tuning. Default: ${DEFAULT-VALUE}.")
  int fineTuneEpochs = 2;

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    DjlRuntime.prepare();
    PrintWriter o = spec.commandLine().getOut();
    Optional<Path> dataDir = FashionMnist.locate();
    if (dataDir.isEmpty()) {
      spec.commandLine()
          .getErr()
          .println("Fashion-MNIST not found: apt-get install dataset-fashion-mnist");
      return 2;
    }
    int signalClass = FashionMnist.classIndex(signal);
    String loadBefore = BenchClassifyCommand.loadAverage();
    FashionMnist train = FashionMnist.train(dataDir.get());
    FashionMnist test = FashionMnist.test(dataDir.get());
    Random random = new Random(seed);
    List<TrainingExample> trainExamples =
        sample(train, signalClass, signalImages, signalImages * ratio, random);
    // The official test split holds 1,000 per class: all 9,000 noise and 9000/ratio signal.
    int testNoise = test.size() - countOf(test, signalClass);
    List<TrainingExample> testExamples =
        sample(test, signalClass, Math.max(1, testNoise / ratio), testNoise, random);
    Path bundleDir =
        out != null ? out : Files.createTempDirectory("nichebot-bench-fashion").resolve("bundle");
    TrainingOptions options =
        head.applyTo(TrainingOptions.builder(backbone, bundleDir))
            .cacheDir(cache)
            .name(
                "fashion-"
                    + FashionMnist.CLASSES
                        .get(signalClass)
                        .toLowerCase(Locale.ROOT)
                        .replace('/', '-'))
            .seed(seed)
            .augment(augment)
            .hidden(hidden)
            .targetRecall(targetRecall)
            .fineTune(fineTune)
            .fineTuneEpochs(fineTuneEpochs)
            .progress(json ? null : System.err)
            .build();
    TrainingResult trained = Trainer.trainExamples(trainExamples, options);
    HeadBundle bundle = ModelBundles.readHead(bundleDir);
    Evaluation evaluation;
    try (EmbeddingCache c =
        EmbeddingCache.open(cache, bundle.backbone().sha256(), bundle.backbone().embeddingSize())) {
      evaluation =
          Evaluation.run(
              bundle,
              testExamples,
              c,
              targetRecall,
              0,
              Embeddings.DEFAULT_BATCH,
              json ? null : System.err);
    }
    evaluation.writePlots(bundleDir.resolve("plots").resolve("test"));
    double lift = evaluation.atTarget().lift();
    String loadAfter = BenchClassifyCommand.loadAverage();
    if (json) {
      ObjectNode root = new ObjectMapper().createObjectNode();
      root.put("signal_class", FashionMnist.CLASSES.get(signalClass));
      root.put("train_images", trainExamples.size());
      root.put("train_split", trained.split());
      root.put("augment_views", augment);
      root.put("rotations", head.rotations);
      root.put("class_weights", head.classWeights.name());
      root.put("hidden", hidden);
      root.put("train_embeddings", trained.trainEmbeddings());
      root.put("embeddings_computed", trained.embeddingsComputed());
      root.put("embedding_seconds", trained.embedTime().toMillis() / 1000.0);
      root.put("head_fit_seconds", trained.fitTime().toMillis() / 1000.0);
      root.put("training_seconds", trained.totalTime().toMillis() / 1000.0);
      root.put("epochs", trained.trainLoss().size());
      root.put("test_images", testExamples.size());
      root.set("test_at_bundle_threshold", Trainer.metricsJson(evaluation.atBundleThreshold()));
      root.set("test_at_target_recall", Trainer.metricsJson(evaluation.atTarget()));
      root.put("lift_at_target_recall", lift);
      root.put("bundle", bundleDir.toString());
      root.put("load_before", loadBefore);
      root.put("load_after", loadAfter);
      o.println(root);
    } else {
      o.printf(
          Locale.ROOT,
          "Fashion-MNIST, signal = %s; training data %d images (%s)%n",
          FashionMnist.CLASSES.get(signalClass),
          trainExamples.size(),
          trained.split());
      o.printf(
          Locale.ROOT,
          "head: %d views per signal image (%s), class weights %s, %d hidden units%n",
          augment,
          head.rotations ? "flips and quarter turns" : "flips",
          head.classWeights,
          hidden);
      o.printf(
          Locale.ROOT,
          "training: %d embeddings fitted (%d computed this run), %d epochs; embeddings %.1f s, head %.1f s, total %.1f s%n",
          trained.trainEmbeddings(),
          trained.embeddingsComputed(),
          trained.trainLoss().size(),
          trained.embedTime().toMillis() / 1000.0,
          trained.fitTime().toMillis() / 1000.0,
          trained.totalTime().toMillis() / 1000.0);
      o.printf(Locale.ROOT, "test (official test split at 1:%d):%n", ratio);
      o.print(
          MetricsTable.format(
              List.of("trained threshold", evaluation.target()),
              List.of(evaluation.atBundleThreshold(), evaluation.atTarget())));
      o.printf(
          Locale.ROOT,
          "review lift at %.0f%% recall: %.1fx (target for Pullover: >= 15x)%n",
          targetRecall * 100,
          lift);
      o.printf(
          Locale.ROOT, "load before %s, after %s; bundle %s%n", loadBefore, loadAfter, bundleDir);
    }
    o.flush();
    return 0;
  }

  private static int countOf(FashionMnist data, int cls) {
    int n = 0;
    for (int i = 0; i < data.size(); i++) {
      if (data.label(i) == cls) {
        n++;
      }
    }
    return n;
  }

  private static List<TrainingExample> sample(
      FashionMnist data, int signalClass, int signalCount, int noiseCount, Random random) {
    List<Integer> sig = new ArrayList<>();
    List<Integer> noi = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      (data.label(i) == signalClass ? sig : noi).add(i);
    }
    Collections.shuffle(sig, random);
    Collections.shuffle(noi, random);
    List<TrainingExample> out = new ArrayList<>();
    for (int i : sig.subList(0, Math.min(signalCount, sig.size()))) {
      out.add(data.example(i, true));
    }
    for (int i : noi.subList(0, Math.min(noiseCount, noi.size()))) {
      out.add(data.example(i, false));
    }
    return out;
  }
}
