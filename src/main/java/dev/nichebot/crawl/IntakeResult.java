package dev.nichebot.crawl;

import dev.nichebot.crawl.dedup.PerceptualHash;
import dev.nichebot.crawl.dedup.Thumbnail;
import dev.nichebot.crawl.image.ImageInfo;
import java.util.Objects;

/** What {@link ImageIntake} made of a URL, a file or some bytes. */
public sealed interface IntakeResult {

  /**
   * A complete, decodable, acceptable image, fingerprinted and not yet stored: the caller checks
   * for duplicates first, then {@link ImageIntake#store stores} it.
   *
   * @param bytes the file exactly as received (owned by the receiver, not copied)
   * @param info sniffed format and size
   * @param sha256 hex SHA-256 of {@code bytes}: the exact-duplicate key
   * @param perceptualHash the near-duplicate key, with its mirror
   * @param thumbnail the print that confirms a near-duplicate match
   * @param origin the final URL after redirects, or the file path
   * @param contentType the server's Content-Type (informational; "" for files)
   */
  record Accepted(
      byte[] bytes,
      ImageInfo info,
      String sha256,
      PerceptualHash perceptualHash,
      Thumbnail thumbnail,
      String origin,
      String contentType)
      implements IntakeResult {
    public Accepted {
      Objects.requireNonNull(bytes);
      Objects.requireNonNull(info);
      Objects.requireNonNull(sha256);
      Objects.requireNonNull(perceptualHash);
      Objects.requireNonNull(thumbnail);
      Objects.requireNonNull(origin);
      Objects.requireNonNull(contentType);
    }

    @Override
    public String toString() {
      return "Accepted["
          + info
          + ", "
          + bytes.length
          + " bytes, sha256 "
          + sha256
          + ", "
          + perceptualHash
          + ", "
          + origin
          + "]";
    }
  }

  /**
   * Refused or failed; {@code reason.isTransient()} says whether to try again later.
   *
   * @param origin the URL (as far as it got) or file path
   */
  record Rejected(FailureReason reason, String detail, String origin) implements IntakeResult {
    public Rejected {
      Objects.requireNonNull(reason);
      Objects.requireNonNull(detail);
      Objects.requireNonNull(origin);
    }
  }
}
