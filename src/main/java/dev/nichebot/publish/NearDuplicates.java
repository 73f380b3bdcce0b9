package dev.nichebot.publish;

import java.util.List;
import java.util.Optional;

/**
 * Finds, among the images already posted or banned, the one nearest to a candidate's image by
 * perceptual hash. A linear scan: posts number in the thousands, and a run looks at a few
 * candidates.
 */
final class NearDuplicates {
  /** The nearest posted or banned image and its distance. */
  record Match(StoredImage image, int distance) {}

  private final List<StoredImage> references;
  private final int maxDistance;

  NearDuplicates(List<StoredImage> references, int maxDistance) {
    this.references = List.copyOf(references);
    this.maxDistance = maxDistance;
  }

  /** The closest reference within the distance, preferring a posted image over a banned one. */
  Optional<Match> nearest(StoredImage image) {
    Match best = null;
    for (StoredImage ref : references) {
      Integer d = ref.id() == image.id() ? Integer.valueOf(0) : image.distanceTo(ref);
      if (d == null || d > maxDistance) {
        continue;
      }
      if (best == null
          || d < best.distance()
          || d == best.distance() && best.image().banned() && !ref.banned()) {
        best = new Match(ref, d);
      }
    }
    return Optional.ofNullable(best);
  }
}
