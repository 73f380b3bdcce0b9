package dev.nichebot.publish;

/**
 * A stored image as publishing sees it.
 *
 * @param id the image's id
 * @param path the file, relative to the images directory
 * @param format {@code png}, {@code jpeg}, {@code gif}, ...
 * @param phash the 64-bit perceptual hash, if computed
 * @param phashMirror the hash of the mirrored image, if computed
 * @param banned a moderator removed a post of it: never post it again
 */
public record StoredImage(
    long id, String path, String format, Long phash, Long phashMirror, boolean banned) {

  /** Hamming distance of two 64-bit perceptual hashes. */
  public static int distance(long a, long b) {
    return Long.bitCount(a ^ b);
  }

  /**
   * The smallest distance between two images, counting a mirrored copy as the same picture; null
   * when either has no hash.
   */
  public Integer distanceTo(StoredImage other) {
    if (phash == null || other.phash == null) {
      return null;
    }
    int best = distance(phash, other.phash);
    if (other.phashMirror != null) {
      best = Math.min(best, distance(phash, other.phashMirror));
    }
    if (phashMirror != null) {
      best = Math.min(best, distance(phashMirror, other.phash));
    }
    return best;
  }
}
