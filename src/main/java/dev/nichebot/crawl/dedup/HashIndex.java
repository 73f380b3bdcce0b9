package dev.nichebot.crawl.dedup;

import java.util.Iterator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Stored 64-bit perceptual hashes, each with an id, answering "which stored hash is nearest to this
 * one, within {@code maxDistance} bits?". Ids need not be unique, nor hashes; the database stays
 * the source of truth and the index is {@linkplain #addAll(Iterator) rebuilt} from it at start-up.
 *
 * <p>Implementations are thread-safe: one writer and many readers may work at once.
 */
public interface HashIndex {

  /** One stored row: what the database hands over at start-up. */
  record Entry(long id, long hash) {}

  void add(long id, long hash);

  /** Adds every row, e.g. streamed from the database at start-up. */
  default void addAll(Iterator<Entry> entries) {
    while (entries.hasNext()) {
      Entry e = entries.next();
      add(e.id(), e.hash());
    }
  }

  default void addAll(Stream<Entry> entries) {
    addAll(entries.iterator());
  }

  /** The nearest stored hash within {@code maxDistance} bits (ties: any one of them). */
  Optional<HashMatch> nearest(long hash, int maxDistance);

  /**
   * The nearest stored image to a picture or to its mirror image, within {@code maxDistance}: the
   * duplicate and repost check.
   */
  default Optional<HashMatch> nearest(PerceptualHash hash, int maxDistance) {
    Optional<HashMatch> plain = nearest(hash.hash(), maxDistance);
    if (plain.isPresent() && plain.get().distance() == 0) {
      return plain;
    }
    int limit = plain.map(m -> m.distance() - 1).orElse(maxDistance);
    Optional<HashMatch> mirror =
        limit < 0
            ? Optional.empty()
            : nearest(hash.mirrored(), limit).map(m -> new HashMatch(m.id(), m.distance(), true));
    return mirror.isPresent() ? mirror : plain;
  }

  int size();
}
