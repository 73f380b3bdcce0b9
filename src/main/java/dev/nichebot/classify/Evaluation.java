package dev.nichebot.classify;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A signal bundle evaluated on labelled images: the figures at the bundle's own threshold and at a
 * threshold chosen for a target recall or precision.
 *
 * @param atBundleThreshold metrics at the threshold stored in the bundle
 * @param atTarget metrics at the threshold that meets {@code target}
 * @param target what the second threshold was chosen for, e.g. {@code recall >= 0.80}
 */
public record Evaluation(
    String modelVersion,
    double[] scores,
    boolean[] signal,
    List<String> failures,
    BinaryMetrics atBundleThreshold,
    BinaryMetrics atTarget,
    String target) {

  /**
   * Scores the examples with the bundle (embeddings through the cache) and computes the metrics.
   *
   * @param targetPrecision if > 0, the second threshold is chosen for this precision; otherwise for
   *     {@code targetRecall}
   */
  public static Evaluation run(
      HeadBundle bundle,
      List<TrainingExample> examples,
      EmbeddingCache cache,
      double targetRecall,
      double targetPrecision,
      int batchSize,
      PrintStream progress)
      throws IOException {
    if (bundle.kind() != HeadBundle.Kind.SIGNAL) {
      throw new ModelBundleException(bundle.dir() + " is not a signal bundle");
    }
    List<Embeddings.Job> jobs =
        examples.stream().map(e -> new Embeddings.Job(e, AugmentedView.ORIGINAL)).toList();
    Embeddings.Outcome emb;
    float[][] outputs;
    try (Backbone backbone = Backbone.load(bundle.backbone());
        Head head = Head.load(bundle)) {
      emb = Embeddings.compute(backbone, cache, jobs, batchSize, "embedding", progress);
      Trainer.Labelled data = Trainer.Labelled.of(jobs, emb.embeddings());
      if (data.y().length == 0) {
        throw new IOException("no image could be scored");
      }
      outputs = head.apply(data.x());
      double[] scores = new double[outputs.length];
      int signalIndex = bundle.labels().indexOf("signal");
      for (int i = 0; i < scores.length; i++) {
        scores[i] =
            bundle.head().output() == HeadSpec.Output.LOGIT
                ? Classifier.sigmoid(outputs[i][0])
                : outputs[i][signalIndex];
      }
      boolean[] y = data.y();
      boolean anySignal = false;
      boolean anyNoise = false;
      for (boolean b : y) {
        anySignal |= b;
        anyNoise |= !b;
      }
      if (!anySignal || !anyNoise) {
        throw new IOException("evaluation needs both signal and noise images");
      }
      double t;
      String target;
      if (targetPrecision > 0) {
        t = BinaryMetrics.thresholdForPrecision(scores, y, targetPrecision);
        target = String.format(Locale.ROOT, "precision >= %.2f", targetPrecision);
      } else {
        t = BinaryMetrics.thresholdForRecall(scores, y, targetRecall);
        target = String.format(Locale.ROOT, "recall >= %.2f", targetRecall);
      }
      return new Evaluation(
          bundle.version(),
          scores,
          y,
          new ArrayList<>(emb.failures()),
          BinaryMetrics.of(scores, y, bundle.threshold()),
          BinaryMetrics.of(scores, y, t),
          target);
    }
  }

  /** Writes precision-recall.png and scores.png into {@code dir}. */
  public void writePlots(Path dir) throws IOException {
    Plots.precisionRecall(
        BinaryMetrics.curve(scores, signal),
        atTarget,
        "Precision-recall (" + scores.length + " images)",
        dir.resolve("precision-recall.png"));
    Plots.histograms(
        scores, signal, atTarget.threshold(), "Scores by class", dir.resolve("scores.png"));
  }

  /** The metrics table, one column per threshold. */
  public String table() {
    return MetricsTable.format(
        List.of("bundle threshold", target), List.of(atBundleThreshold, atTarget));
  }
}
