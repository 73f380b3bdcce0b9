package dev.nichebot.classify;

import java.util.Map;
import java.util.Optional;

/** The outcome for one image of a batch: scored, or failed with a reason. */
public sealed interface Classification permits Classification.Scored, Classification.Failed {

  /** The {@link ImageSource#id()} this result belongs to. */
  String id();

  /**
   * A scored image.
   *
   * @param signalScore probability (0..1) that the image belongs to the niche
   * @param aboveThreshold whether {@code signalScore} reaches the signal bundle's threshold
   * @param modelVersion the signal bundle's version (which pins its backbone)
   * @param nsfw the NSFW gate's verdict, when an NSFW bundle is configured
   */
  record Scored(
      String id,
      double signalScore,
      boolean aboveThreshold,
      String modelVersion,
      Optional<NsfwScore> nsfw)
      implements Classification {}

  /** An image that could not be scored; its batch went on without it. */
  record Failed(String id, String reason) implements Classification {}

  /**
   * @param score the summed probability of the NSFW labels (0..1)
   * @param flagged whether {@code score} reaches the NSFW bundle's threshold
   * @param probabilities every class's probability, in the bundle's label order
   */
  record NsfwScore(
      double score, boolean flagged, Map<String, Double> probabilities, String modelVersion) {
    public NsfwScore {
      probabilities = Map.copyOf(probabilities);
    }
  }
}
