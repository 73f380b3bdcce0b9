package dev.nichebot.app.cli;

import dev.nichebot.classify.DjlRuntime;
import dev.nichebot.classify.LabeledImage;
import dev.nichebot.classify.MetricsTable;
import dev.nichebot.classify.Trainer;
import dev.nichebot.classify.TrainingOptions;
import dev.nichebot.classify.TrainingResult;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nichebot train --data DIR}: trains a signal head on the backbone and writes a bundle. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train a signal model on DIR/signal/ and DIR/noise/ and write a new bundle with its",
      "metrics, chosen threshold and plots. Point classify.model-dir at it to use it."
    })
public final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--data",
      required = true,
      paramLabel = "DIR",
      description = "Folder with signal/ and noise/.")
  Path data;

  @Option(
      names = "--backbone",
      paramLabel = "DIR",
      description = "Backbone bundle. Default: ${DEFAULT-VALUE}.")
  Path backbone = Path.of("models/backbone");

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "New bundle folder. Default: data/models/NAME-TIME.")
  Path out;

  @Option(
      names = "--cache",
      paramLabel = "DIR",
      description = "Embedding cache. Default: ${DEFAULT-VALUE}.")
  Path cache = Path.of("data/cache/embeddings");

  @Option(names = "--no-cache", description = "Keep embeddings in memory only.")
  boolean noCache;

  @Option(names = "--name", description = "Model name (version prefix). Default: ${DEFAULT-VALUE}.")
  String name = "signal";

  @Option(names = "--seed", description = "Random seed. Default: ${DEFAULT-VALUE}.")
  long seed = 42;

  @Option(
      names = "--validation",
      description = "Held-out share, stratified. Default: ${DEFAULT-VALUE}.")
  double validation = 0.2;

  @Option(
      names = "--augment",
      description = "Views per signal image, original included. Default: ${DEFAULT-VALUE}.")
  int augment = 6;

  @Option(
      names = "--hidden",
      description = "Hidden units of the head (0 = linear). Default: ${DEFAULT-VALUE}.")
  int hidden = 256;

  @Option(names = "--epochs", description = "Maximum epochs. Default: ${DEFAULT-VALUE}.")
  int epochs = 200;

  @Option(
      names = "--patience",
      description = "Early stopping patience (epochs). Default: ${DEFAULT-VALUE}.")
  int patience = 12;

  @Option(
      names = "--target-recall",
      description = "Choose the threshold for this validation recall. Default: ${DEFAULT-VALUE}.")
  double targetRecall = 0.8;

  @Option(
      names = "--target-precision",
      description = "Choose the threshold for this validation precision instead.")
  double targetPrecision;

  @Option(
      names = "--fine-tune",
      description = "Also fine-tune the backbone's last blocks (slow on CPU).")
  boolean fineTune;

  @Option(
      names = "--fine-tune-epochs",
      description = "Passes over the signal images when fine-tuning. Default: ${DEFAULT-VALUE}.")
  int fineTuneEpochs = 2;

  @Option(names = "--quiet", description = "No progress bars.")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    DjlRuntime.prepare();
    PrintWriter o = spec.commandLine().getOut();
    Path target =
        out != null
            ? out
            : Path.of("data/models")
                .resolve(
                    name
                        + "-"
                        + LocalDateTime.now()
                            .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)));
    List<LabeledImage> images = LabeledImage.fromFolder(data);
    long signal = images.stream().filter(LabeledImage::signal).count();
    o.printf(
        Locale.ROOT,
        "%d images: %d signal, %d noise%n",
        images.size(),
        signal,
        images.size() - signal);
    o.flush();
    PrintStream progress = quiet ? null : System.err;
    TrainingOptions options =
        TrainingOptions.builder(backbone, target)
            .cacheDir(noCache ? null : cache)
            .name(name)
            .seed(seed)
            .validationFraction(validation)
            .augment(augment)
            .hidden(hidden)
            .maxEpochs(epochs)
            .patience(patience)
            .targetRecall(targetRecall)
            .targetPrecision(targetPrecision)
            .fineTune(fineTune)
            .fineTuneEpochs(fineTuneEpochs)
            .progress(progress)
            .build();
    TrainingResult r = Trainer.train(images, options);
    print(o, r);
    return 0;
  }

  static void print(PrintWriter o, TrainingResult r) {
    o.printf(Locale.ROOT, "wrote %s (version %s)%n", r.bundleDir(), r.version());
    o.printf(
        Locale.ROOT,
        "%s; %d training embeddings (%d computed now, the rest cached); %d epochs, best %d%n",
        r.split(),
        r.trainEmbeddings(),
        r.embeddingsComputed(),
        r.trainLoss().size(),
        r.bestEpoch());
    o.printf(
        Locale.ROOT,
        "time: embeddings %.1f s, head %.1f s, total %.1f s%n",
        r.embedTime().toMillis() / 1000.0,
        r.fitTime().toMillis() / 1000.0,
        r.totalTime().toMillis() / 1000.0);
    if (!r.failures().isEmpty()) {
      o.printf(
          Locale.ROOT,
          "%d images could not be used, e.g. %s%n",
          r.failures().size(),
          r.failures().get(0));
    }
    o.println("validation:");
    o.print(MetricsTable.format(List.of("chosen threshold"), List.of(r.validation())));
    o.printf(Locale.ROOT, "plots: %s%n", r.bundleDir().resolve("plots"));
    o.flush();
  }
}
