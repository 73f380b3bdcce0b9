package dev.nichebot.classify;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a training run produced.
 *
 * @param bundleDir the new signal bundle
 * @param validation metrics on the held-out split at the chosen threshold
 * @param trainEmbeddings embeddings the head was fitted on (signal views included)
 * @param embeddingsComputed backbone passes this run needed (the rest came from the cache)
 * @param failures images that could not be used, each with its reason
 */
public record TrainingResult(
    Path bundleDir,
    String version,
    double threshold,
    BinaryMetrics validation,
    List<Double> trainLoss,
    List<Double> validationLoss,
    int bestEpoch,
    String split,
    int trainEmbeddings,
    int embeddingsComputed,
    List<String> failures,
    Duration embedTime,
    Duration fitTime,
    Duration totalTime) {

  public TrainingResult {
    trainLoss = List.copyOf(trainLoss);
    validationLoss = List.copyOf(validationLoss);
    failures = List.copyOf(failures);
  }
}
