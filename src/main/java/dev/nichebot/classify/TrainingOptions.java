package dev.nichebot.classify;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How to train a signal head. Build with {@link #builder(Path, Path)}; every setting has a default
 * that suits a few thousand images on 2 cores.
 *
 * @param backboneDir the backbone bundle to train on
 * @param outputDir where the new bundle is written (created; must not hold a bundle already)
 * @param cacheDir embedding cache folder, or {@code null} to keep embeddings in memory only
 * @param augment views per signal training image, the original included (the seed used 6)
 * @param rotations augmented views may be turned by quarter turns, as the seed's were; off, they
 *     are only flipped (with crops and jitter either way)
 * @param classWeights how much more a signal image counts than a noise image in the loss
 * @param hidden hidden units of the head; 0 for a linear (logistic) head
 * @param targetRecall choose the threshold that reaches this recall on validation, unless {@code
 *     targetPrecision} is set
 * @param targetPrecision if > 0, choose the threshold for this precision instead
 * @param fineTune also fine-tune the backbone's last blocks (slow on CPU)
 */
public record TrainingOptions(
    Path backboneDir,
    Path outputDir,
    Path cacheDir,
    String name,
    long seed,
    double validationFraction,
    int augment,
    boolean rotations,
    ClassWeights classWeights,
    int hidden,
    double dropout,
    int maxEpochs,
    int patience,
    double learningRate,
    double weightDecay,
    int batchSize,
    int embedBatchSize,
    double targetRecall,
    double targetPrecision,
    boolean fineTune,
    int fineTuneEpochs,
    double fineTuneLearningRate,
    PrintStream progress) {

  public TrainingOptions {
    Objects.requireNonNull(backboneDir, "backboneDir");
    Objects.requireNonNull(outputDir, "outputDir");
    Objects.requireNonNull(classWeights, "classWeights");
    if (!(validationFraction > 0 && validationFraction < 1)) {
      throw new IllegalArgumentException("validation fraction must be between 0 and 1");
    }
    if (augment < 1 || augment > 32) {
      throw new IllegalArgumentException("augment must be 1..32 views per signal image");
    }
    if (!(targetRecall > 0 && targetRecall <= 1)) {
      throw new IllegalArgumentException("target recall must be in (0, 1]");
    }
    if (targetPrecision < 0 || targetPrecision > 1) {
      throw new IllegalArgumentException("target precision must be in [0, 1]");
    }
    if (hidden < 0 || maxEpochs < 1 || patience < 1 || batchSize < 1 || embedBatchSize < 1) {
      throw new IllegalArgumentException("sizes and epochs must be positive");
    }
  }

  public static Builder builder(Path backboneDir, Path outputDir) {
    return new Builder(backboneDir, outputDir);
  }

  HeadFitter.Settings headSettings() {
    return new HeadFitter.Settings(
        hidden,
        dropout,
        maxEpochs,
        patience,
        learningRate,
        weightDecay,
        batchSize,
        seed,
        classWeights);
  }

  /** Defaults in one place. */
  public static final class Builder {
    private final Path backboneDir;
    private final Path outputDir;
    private Path cacheDir;
    private String name = "signal";
    private long seed = 42;
    private double validationFraction = 0.2;
    private int augment = 6;
    private boolean rotations;
    private ClassWeights classWeights = ClassWeights.SQRT;
    private int hidden = 256;
    private double dropout = 0.3;
    private int maxEpochs = 200;
    private int patience = 12;
    private double learningRate = 1e-3;
    private double weightDecay = 1e-4;
    private int batchSize = 256;
    private int embedBatchSize = Embeddings.DEFAULT_BATCH;
    private double targetRecall = 0.8;
    private double targetPrecision;
    private boolean fineTune;
    private int fineTuneEpochs = 2;
    private double fineTuneLearningRate = 1e-4;
    private PrintStream progress;

    private Builder(Path backboneDir, Path outputDir) {
      this.backboneDir = backboneDir;
      this.outputDir = outputDir;
    }

    public Builder cacheDir(Path v) {
      cacheDir = v;
      return this;
    }

    public Builder name(String v) {
      name = v;
      return this;
    }

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    public Builder validationFraction(double v) {
      validationFraction = v;
      return this;
    }

    public Builder augment(int v) {
      augment = v;
      return this;
    }

    public Builder rotations(boolean v) {
      rotations = v;
      return this;
    }

    public Builder classWeights(ClassWeights v) {
      classWeights = v;
      return this;
    }

    public Builder hidden(int v) {
      hidden = v;
      return this;
    }

    public Builder dropout(double v) {
      dropout = v;
      return this;
    }

    public Builder maxEpochs(int v) {
      maxEpochs = v;
      return this;
    }

    public Builder patience(int v) {
      patience = v;
      return this;
    }

    public Builder learningRate(double v) {
      learningRate = v;
      return this;
    }

    public Builder weightDecay(double v) {
      weightDecay = v;
      return this;
    }

    public Builder batchSize(int v) {
      batchSize = v;
      return this;
    }

    public Builder embedBatchSize(int v) {
      embedBatchSize = v;
      return this;
    }

    public Builder targetRecall(double v) {
      targetRecall = v;
      return this;
    }

    public Builder targetPrecision(double v) {
      targetPrecision = v;
      return this;
    }

    public Builder fineTune(boolean v) {
      fineTune = v;
      return this;
    }

    public Builder fineTuneEpochs(int v) {
      fineTuneEpochs = v;
      return this;
    }

    public Builder fineTuneLearningRate(double v) {
      fineTuneLearningRate = v;
      return this;
    }

    /** Where progress bars go ({@code null}: nowhere). */
    public Builder progress(PrintStream v) {
      progress = v;
      return this;
    }

    public TrainingOptions build() {
      return new TrainingOptions(
          backboneDir,
          outputDir,
          cacheDir,
          name,
          seed,
          validationFraction,
          augment,
          rotations,
          classWeights,
          hidden,
          dropout,
          maxEpochs,
          patience,
          learningRate,
          weightDecay,
          batchSize,
          embedBatchSize,
          targetRecall,
          targetPrecision,
          fineTune,
          fineTuneEpochs,
          fineTuneLearningRate,
          progress);
    }
  }
}
