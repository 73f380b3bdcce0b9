package dev.nichebot.classify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Transfer learning on a backbone: embeds the images once (cached by content hash), fits a small
 * head on the embeddings, chooses the threshold on a held-out stratified validation split, and
 * writes a signal bundle with its metrics and plots.
 *
 * <p>Signal images are augmented as the seed did (the original plus flipped/rotated, cropped and
 * colour-jittered views); the classes are balanced by loss weights, since real data is heavily
 * imbalanced (the seed's was about 1:26). Everything random follows {@link TrainingOptions#seed()}.
 */
public final class Trainer {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Trainer() {}

  /**
   * Trains on labelled files (a {@code signal/}+{@code noise/} folder, or review decisions).
   * Unreadable files are skipped and counted in the result.
   */
  public static TrainingResult train(List<LabeledImage> images, TrainingOptions options)
      throws IOException {
    List<TrainingExample> examples = hash(images, options.progress());
    return trainExamples(examples, options);
  }

  static List<TrainingExample> hash(List<LabeledImage> images, PrintStream progress)
      throws IOException {
    ExecutorService pool =
        Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
    try {
      List<Future<TrainingExample>> futures = new ArrayList<>();
      for (LabeledImage image : images) {
        futures.add(pool.submit(() -> TrainingExample.ofFile(image)));
      }
      ProgressBar bar = new ProgressBar("hashing", images.size(), progress);
      List<TrainingExample> out = new ArrayList<>();
      for (int i = 0; i < futures.size(); i++) {
        try {
          out.add(futures.get(i).get());
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IOException("cannot read " + images.get(i).path() + ": " + e.getCause(), e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        }
        bar.update(i + 1);
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Trains on examples that already carry their hash (for data that is not in files). */
  public static TrainingResult trainExamples(List<TrainingExample> examples, TrainingOptions o)
      throws IOException {
    Instant started = Instant.now();
    Path out = o.outputDir();
    if (Files.exists(out.resolve(ModelBundles.METADATA_FILE))) {
      throw new IOException(out + " already holds a bundle; choose another output folder");
    }
    Split split = Split.stratified(examples, o.validationFraction(), o.seed());
    if (split.trainSignal() < 1
        || split.validationSignal() < 1
        || split.trainNoise() < 1
        || split.validationNoise() < 1) {
      throw new IOException(
          "need signal and noise images in both the training and validation split; got "
              + split.describe());
    }
    BackboneBundle backboneBundle = ModelBundles.readBackbone(o.backboneDir());
    try (Backbone backbone = Backbone.load(backboneBundle);
        EmbeddingCache cache =
            o.cacheDir() == null
                ? EmbeddingCache.inMemory(backboneBundle.embeddingSize())
                : EmbeddingCache.open(
                    o.cacheDir(), backboneBundle.sha256(), backboneBundle.embeddingSize())) {
      List<Embeddings.Job> trainJobs = new ArrayList<>();
      for (TrainingExample e : split.train()) {
        if (e.signal()) {
          Random viewRandom = new Random(o.seed() ^ e.sha256().hashCode());
          for (AugmentedView v : AugmentedView.views(o.augment(), o.rotations(), viewRandom)) {
            trainJobs.add(new Embeddings.Job(e, v));
          }
        } else {
          trainJobs.add(new Embeddings.Job(e, AugmentedView.ORIGINAL));
        }
      }
      List<Embeddings.Job> valJobs =
          split.validation().stream()
              .map(e -> new Embeddings.Job(e, AugmentedView.ORIGINAL))
              .toList();
      Instant embedStart = Instant.now();
      Embeddings.Outcome trainEmb =
          Embeddings.compute(
              backbone, cache, trainJobs, o.embedBatchSize(), "embedding train", o.progress());
      Embeddings.Outcome valEmb =
          Embeddings.compute(
              backbone, cache, valJobs, o.embedBatchSize(), "embedding validation", o.progress());
      Duration embedTime = Duration.between(embedStart, Instant.now());
      Labelled train = Labelled.of(trainJobs, trainEmb.embeddings());
      Labelled val = Labelled.of(valJobs, valEmb.embeddings());
      requireBothClasses(train, "training", trainEmb.failures());
      requireBothClasses(val, "validation", valEmb.failures());

      Instant fitStart = Instant.now();
      ProgressBar epochs = new ProgressBar("fitting head (epochs)", o.maxEpochs(), o.progress());
      HeadFitter.Fit fit =
          HeadFitter.fit(train.x(), train.y(), val.x(), val.y(), o.headSettings(), epochs::update);
      epochs.update(o.maxEpochs());
      Duration fitTime = Duration.between(fitStart, Instant.now());

      DenseHead head = fit.head();
      BackboneBundle finalBackbone = backboneBundle;
      FineTuner.Result tuned = null;
      if (o.fineTune()) {
        tuned = FineTuner.fineTune(backbone, head, split, o);
        head = tuned.head();
        finalBackbone = tuned.backbone();
        val = tuned.validation();
      }

      double[] scores = score(head, val.x());
      double threshold =
          o.targetPrecision() > 0
              ? BinaryMetrics.thresholdForPrecision(scores, val.y(), o.targetPrecision())
              : BinaryMetrics.thresholdForRecall(scores, val.y(), o.targetRecall());
      BinaryMetrics metrics = BinaryMetrics.of(scores, val.y(), threshold);

      Files.createDirectories(out);
      Path plots = out.resolve("plots");
      Plots.precisionRecall(
          BinaryMetrics.curve(scores, val.y()),
          metrics,
          "Precision-recall (validation, " + val.y().length + " images)",
          plots.resolve("precision-recall.png"));
      Plots.losses(
          fit.trainLoss(), fit.validationLoss(), fit.bestEpoch(), plots.resolve("loss.png"));
      Plots.histograms(
          scores, val.y(), threshold, "Validation scores by class", plots.resolve("scores.png"));

      Path headFile = out.resolve("head.bin");
      head.write(headFile);
      String version = o.name() + "-" + STAMP.format(started);
      List<String> failures = new ArrayList<>(trainEmb.failures());
      failures.addAll(valEmb.failures());
      Duration total = Duration.between(started, Instant.now());
      TrainingResult result =
          new TrainingResult(
              out,
              version,
              threshold,
              metrics,
              fit.trainLoss(),
              fit.validationLoss(),
              fit.bestEpoch(),
              split.describe(),
              train.y().length,
              trainEmb.computed() + valEmb.computed(),
              failures,
              embedTime,
              fitTime,
              total);
      ModelBundles.writeJson(out, bundleJson(o, result, head, headFile, finalBackbone));
      return result;
    }
  }

  /**
   * Images that failed to embed are left out; if that empties a class, the head could not learn or
   * be judged (an empty validation set makes every loss NaN), so the run stops here and says why.
   */
  private static void requireBothClasses(Labelled set, String name, List<String> failures)
      throws IOException {
    int signal = 0;
    for (boolean y : set.y()) {
      signal += y ? 1 : 0;
    }
    int noise = set.y().length - signal;
    if (signal > 0 && noise > 0) {
      return;
    }
    throw new IOException(
        String.format(
            Locale.ROOT,
            "after leaving out the images that failed to embed, the %s set has %d signal and %d"
                + " noise images; both classes are needed. %d failed, first: %s",
            name,
            signal,
            noise,
            failures.size(),
            failures.isEmpty() ? "none" : failures.get(0)));
  }

  static double[] score(DenseHead head, float[][] x) {
    float[][] logits = head.apply(x);
    double[] s = new double[x.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = Classifier.sigmoid(logits[i][0]);
    }
    return s;
  }

  private static ObjectNode bundleJson(
      TrainingOptions o, TrainingResult r, DenseHead head, Path headFile, BackboneBundle backbone)
      throws IOException {
    ObjectNode json = ModelBundles.JSON.createObjectNode();
    json.put("format", ModelBundles.FORMAT);
    json.put("kind", "signal");
    json.put("version", r.version());
    StringBuilder arch = new StringBuilder("dense head on the backbone's embedding: ");
    for (HeadSpec.DenseLayer l : head.layers()) {
      arch.append(l.in()).append("->").append(l.out());
      arch.append(l.activation() == HeadSpec.Activation.RELU ? " relu, " : " logit");
    }
    arch.append("; backbone ").append(backbone.version());
    json.put("architecture", arch.toString());
    ObjectNode ref = json.putObject("backbone");
    Path outAbs = o.outputDir().toAbsolutePath().normalize();
    Path bbAbs = backbone.dir().toAbsolutePath().normalize();
    ref.put(
        "path",
        outAbs.getRoot().equals(bbAbs.getRoot())
            ? outAbs.relativize(bbAbs).toString()
            : bbAbs.toString());
    ref.put("sha256", backbone.sha256());
    ref.put("version", backbone.version());
    ObjectNode h = json.putObject("head");
    h.put("file", headFile.getFileName().toString());
    h.put("format", "dense");
    h.put("sha256", Sha256.ofFile(headFile));
    h.put("output", "logit");
    ArrayNode layers = h.putArray("layers");
    for (HeadSpec.DenseLayer l : head.layers()) {
      ObjectNode layer = layers.addObject();
      layer.put("in", l.in());
      layer.put("out", l.out());
      layer.put("activation", l.activation().name().toLowerCase(Locale.ROOT));
    }
    json.putArray("labels").add("noise").add("signal");
    json.put("threshold", r.threshold());
    json.put(
        "threshold_rule",
        o.targetPrecision() > 0
            ? "lowest threshold with validation precision >= " + o.targetPrecision()
            : "highest threshold with validation recall >= " + o.targetRecall());
    ObjectNode t = json.putObject("training");
    t.put("seed", o.seed());
    t.put("split", r.split());
    t.put("train_embeddings", r.trainEmbeddings());
    t.put("augment_views_per_signal_image", o.augment());
    t.put(
        "augmentation",
        o.rotations()
            ? "horizontal flip, 90-degree rotations, random crop 80-100%, colour jitter"
            : "horizontal flip, random crop 80-100%, colour jitter");
    t.put("class_weights", o.classWeights().name().toLowerCase(Locale.ROOT));
    t.put("hidden", o.hidden());
    t.put("dropout", o.dropout());
    t.put("learning_rate", o.learningRate());
    t.put("weight_decay", o.weightDecay());
    t.put("epochs_run", r.trainLoss().size());
    t.put("best_epoch", r.bestEpoch());
    t.put("fine_tuned", o.fineTune());
    t.put("embeddings_computed", r.embeddingsComputed());
    t.put("images_failed", r.failures().size());
    t.put("embedding_seconds", r.embedTime().toMillis() / 1000.0);
    t.put("fit_seconds", r.fitTime().toMillis() / 1000.0);
    t.put("total_seconds", r.totalTime().toMillis() / 1000.0);
    ObjectNode m = json.putObject("metrics");
    m.set("validation", metricsJson(r.validation()));
    json.putArray("plots")
        .add("plots/precision-recall.png")
        .add("plots/loss.png")
        .add("plots/scores.png");
    return json;
  }

  /** Metrics as bundle.json and the commands' {@code --json} write them: one shape everywhere. */
  public static ObjectNode metricsJson(BinaryMetrics b) {
    ObjectNode v = ModelBundles.JSON.createObjectNode();
    v.put("images", b.count());
    v.put("signal", b.positives());
    v.put("threshold", b.threshold());
    v.put("precision", b.precision());
    v.put("recall", b.recall());
    v.put("f1", b.f1());
    v.put("balanced_accuracy", b.balancedAccuracy());
    v.put("roc_auc", b.rocAuc());
    v.put("pr_auc", b.prAuc());
    v.put("base_rate", b.baseRate());
    v.put("review_lift", b.lift());
    ObjectNode c = v.putObject("confusion");
    c.put("tp", b.confusion().truePositives());
    c.put("fp", b.confusion().falsePositives());
    c.put("tn", b.confusion().trueNegatives());
    c.put("fn", b.confusion().falseNegatives());
    return v;
  }

  /** Embeddings with labels, failures dropped. */
  record Labelled(float[][] x, boolean[] y) {
    static Labelled of(List<Embeddings.Job> jobs, float[][] embeddings) {
      List<float[]> xs = new ArrayList<>();
      List<Boolean> ys = new ArrayList<>();
      for (int i = 0; i < jobs.size(); i++) {
        if (embeddings[i] != null) {
          xs.add(embeddings[i]);
          ys.add(jobs.get(i).example().signal());
        }
      }
      boolean[] y = new boolean[ys.size()];
      for (int i = 0; i < y.length; i++) {
        y[i] = ys.get(i);
      }
      return new Labelled(xs.toArray(new float[0][]), y);
    }
  }

  /** A stratified train/validation split: the same share of each class is held out. */
  record Split(List<TrainingExample> train, List<TrainingExample> validation) {
    static Split stratified(List<TrainingExample> all, double fraction, long seed) {
      List<TrainingExample> signal = new ArrayList<>();
      List<TrainingExample> noise = new ArrayList<>();
      for (TrainingExample e : all) {
        (e.signal() ? signal : noise).add(e);
      }
      Random random = new Random(seed);
      Collections.shuffle(signal, random);
      Collections.shuffle(noise, random);
      List<TrainingExample> train = new ArrayList<>();
      List<TrainingExample> val = new ArrayList<>();
      for (List<TrainingExample> cls : List.of(signal, noise)) {
        int held = (int) Math.round(cls.size() * fraction);
        if (cls.size() >= 2) {
          held = Math.max(1, Math.min(cls.size() - 1, held));
        }
        val.addAll(cls.subList(0, held));
        train.addAll(cls.subList(held, cls.size()));
      }
      return new Split(train, val);
    }

    long trainSignal() {
      return train.stream().filter(TrainingExample::signal).count();
    }

    long trainNoise() {
      return train.size() - trainSignal();
    }

    long validationSignal() {
      return validation.stream().filter(TrainingExample::signal).count();
    }

    long validationNoise() {
      return validation.size() - validationSignal();
    }

    String describe() {
      return String.format(
          Locale.ROOT,
          "train %d signal + %d noise, validation %d signal + %d noise",
          trainSignal(),
          trainNoise(),
          validationSignal(),
          validationNoise());
    }
  }
}
