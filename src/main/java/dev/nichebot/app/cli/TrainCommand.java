package dev.nichebot.app.cli;

import dev.nichebot.app.ClassifyFeature;
import dev.nichebot.classify.DjlRuntime;
import dev.nichebot.classify.LabeledImage;
import dev.nichebot.classify.MetricsTable;
import dev.nichebot.classify.Trainer;
import dev.nichebot.classify.TrainingOptions;
import dev.nichebot.classify.TrainingResult;
import dev.nichebot.config.BotConfig;
import dev.nichebot.config.LoadedConfig;
import dev.nichebot.review.VoteStore;
import dev.nichebot.store.AuditLog;
import dev.nichebot.store.BotStateStore;
import dev.nichebot.store.Database;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nichebot train --data DIR}: trains a signal head on the backbone and writes a bundle. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train a signal model on DIR/signal/ and DIR/noise/ (--data), or on the review decisions",
      "stored in the bot's database (--from-reviews), and write a new bundle with its metrics,",
      "chosen threshold and plots. Use it with --activate (the running bot switches to it at its",
      "next classify run) or by pointing classify.model-dir at it."
    })
public final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--data", paramLabel = "DIR", description = "Folder with signal/ and noise/.")
  Path data;

  @Option(
      names = "--from-reviews",
      description =
          "Train on the review decisions in the bot's database (approved = signal, rejected ="
              + " noise; the newest active vote per image), images from its image store.")
  boolean fromReviews;

  @Option(
      names = "--activate",
      description =
          "Make the new bundle the bot's signal model (bot_state classify.model-dir, audited);"
              + " the running bot picks it up at its next classify run.")
  boolean activate;

  @Option(
      names = "--backbone",
      paramLabel = "DIR",
      description = "Backbone bundle. Default: ${DEFAULT-VALUE}.")
  Path backbone = Path.of("models/backbone");

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "New bundle folder. Default: DATA_DIR/models/NAME-TIME.")
  Path out;

  @Option(
      names = "--cache",
      paramLabel = "DIR",
      description = "Embedding cache. Default: DATA_DIR/cache/embeddings.")
  Path cache;

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

  @Mixin HeadTrainingOptions head = new HeadTrainingOptions();

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
    if ((data == null) == !fromReviews) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "give exactly one of --data DIR and --from-reviews");
    }
    if (activate && !fromReviews) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--activate needs --from-reviews (it changes the bot's database)");
    }
    PrintWriter o = spec.commandLine().getOut();
    if (!fromReviews) {
      train(o, LabeledImage.fromFolder(data), Path.of("data"));
      return 0;
    }
    LoadedConfig loaded = CliSupport.config(spec);
    BotConfig config = loaded.config();
    try (Database db = CliSupport.database(loaded)) {
      List<String> skipped = new ArrayList<>();
      List<LabeledImage> images =
          fromReviews(new VoteStore(db).labels(), config.imagesDir(), skipped);
      if (!skipped.isEmpty()) {
        o.printf(
            Locale.ROOT,
            "%d reviewed images are not in the image store and are left out, e.g. %s%n",
            skipped.size(),
            skipped.get(0));
      }
      if (images.isEmpty()) {
        throw new IOException("no review decisions with stored images yet: nothing to train on");
      }
      TrainingResult r = train(o, images, config.dataDir());
      if (activate) {
        activate(db, config, r, o);
      }
    }
    return 0;
  }

  private TrainingResult train(PrintWriter o, List<LabeledImage> images, Path dataDir)
      throws IOException {
    DjlRuntime.prepare();
    Path target =
        out != null
            ? out
            : dataDir
                .resolve("models")
                .resolve(
                    name
                        + "-"
                        + LocalDateTime.now()
                            .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)));
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
        head.applyTo(TrainingOptions.builder(backbone, target))
            .cacheDir(noCache ? null : cache != null ? cache : dataDir.resolve("cache/embeddings"))
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
    return r;
  }

  /**
   * Review labels as training images: files under the image store's root; a label whose file is
   * gone (or whose path would leave the store) is left out and named in {@code skipped}.
   */
  static List<LabeledImage> fromReviews(
      List<VoteStore.Label> labels, Path imagesDir, List<String> skipped) {
    Path root = imagesDir.toAbsolutePath().normalize();
    List<LabeledImage> out = new ArrayList<>();
    for (VoteStore.Label l : labels) {
      Path file = root.resolve(l.path()).normalize();
      if (file.startsWith(root) && Files.isRegularFile(file)) {
        out.add(new LabeledImage(file, l.signal()));
      } else {
        skipped.add(l.path());
      }
    }
    return out;
  }

  private static void activate(Database db, BotConfig config, TrainingResult r, PrintWriter o) {
    Clock clock = Clock.systemUTC();
    String dir = r.bundleDir().toAbsolutePath().normalize().toString();
    String actor = "cli:" + System.getProperty("user.name", "?");
    String before =
        new BotStateStore(db, clock)
            .put(ClassifyFeature.MODEL_DIR_KEY, dir, actor)
            .orElse(config.classify().modelDir().toString());
    new AuditLog(db, clock)
        .record(
            actor,
            "cli",
            "activate model",
            ClassifyFeature.MODEL_DIR_KEY,
            before,
            dir,
            String.format(
                Locale.ROOT,
                "version %s; validation precision %.3f recall %.3f at threshold %.3f",
                r.version(),
                r.validation().precision(),
                r.validation().recall(),
                r.threshold()));
    o.printf(
        Locale.ROOT,
        "activated: the bot classifies with %s from its next classify run (was %s)%n",
        r.version(),
        before);
    o.flush();
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
