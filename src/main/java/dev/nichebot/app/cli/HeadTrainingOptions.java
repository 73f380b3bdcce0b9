package dev.nichebot.app.cli;

import dev.nichebot.classify.ClassWeights;
import dev.nichebot.classify.TrainingOptions;
import picocli.CommandLine.Option;

/** The training options {@code train} and {@code bench fashion} share (a picocli mixin). */
final class HeadTrainingOptions {

  @Option(
      names = "--rotations",
      description =
          "Augmented views may also be turned by quarter turns, as the seed's were (for niches"
              + " without an up). Default: flips only.")
  boolean rotations;

  @Option(
      names = "--class-weights",
      description =
          "How much more a signal image counts in the loss: BALANCED (each class half),"
              + " SQRT (the square root of the imbalance) or NONE. Default: ${DEFAULT-VALUE}.")
  ClassWeights classWeights = ClassWeights.SQRT;

  TrainingOptions.Builder applyTo(TrainingOptions.Builder builder) {
    return builder.rotations(rotations).classWeights(classWeights);
  }
}
