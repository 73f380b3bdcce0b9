package dev.nichebot.review;

import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What reviewers see about one candidate. Build with {@link #builder(long, Image)}; optional parts
 * left out are not shown.
 *
 * @param candidateId the candidate (shown in the card's footer, recovered from it after a crash)
 * @param image the image file, uploaded with the card (never hot-linked: source URLs die)
 * @param title the title it would be published with; may be null
 * @param signalScore the classifier's score for "belongs in the subreddit", 0..1
 * @param modelVersion the model that gave {@code signalScore}
 * @param nsfwScore the NSFW score, 0..1, when known
 * @param source where it was found, for example {@code r/somewhere} or a feed's name; may be null
 * @param credit the original post and its author; parts may be null
 * @param nearestKnown the most similar image already known, when it is close; may be null
 */
public record ReviewCard(
    long candidateId,
    Image image,
    String title,
    double signalScore,
    String modelVersion,
    OptionalDouble nsfwScore,
    String source,
    Credit credit,
    NearestKnown nearestKnown) {

  public ReviewCard {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(nsfwScore, "nsfwScore");
    Objects.requireNonNull(credit, "credit");
    if (candidateId <= 0) {
      throw new IllegalArgumentException("candidate id must be positive: " + candidateId);
    }
    if (!(signalScore >= 0 && signalScore <= 1)) {
      throw new IllegalArgumentException("signal score must be within 0..1: " + signalScore);
    }
    if (nsfwScore.isPresent() && !(nsfwScore.getAsDouble() >= 0 && nsfwScore.getAsDouble() <= 1)) {
      throw new IllegalArgumentException("NSFW score must be within 0..1: " + nsfwScore);
    }
  }

  public static Builder builder(long candidateId, Image image) {
    return new Builder(candidateId, image);
  }

  /**
   * The image file as stored.
   *
   * @param bytes the encoded image (JPEG, PNG, GIF, WebP, …)
   * @param fileName its name, used only for its extension; the upload gets a safe name of its own
   */
  public record Image(byte[] bytes, String fileName) {
    public Image {
      Objects.requireNonNull(bytes, "bytes");
      Objects.requireNonNull(fileName, "fileName");
      if (bytes.length == 0) {
        throw new IllegalArgumentException("image is empty");
      }
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    /** The size in bytes, without copying the image. */
    public int size() {
      return bytes.length;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Image image
          && fileName.equals(image.fileName)
          && Arrays.equals(bytes, image.bytes);
    }

    @Override
    public int hashCode() {
      return 31 * fileName.hashCode() + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "Image[" + fileName + ", " + bytes.length + " bytes]";
    }
  }

  /**
   * Who made the original and where it was posted.
   *
   * @param title the original title; may be null
   * @param author the original author's name; may be null
   * @param permalink a link to the original post; may be null (non-web links are shown as text)
   */
  public record Credit(String title, String author, String permalink) {
    public static final Credit NONE = new Credit(null, null, null);
  }

  /**
   * The closest image the bot already knows.
   *
   * @param reference what it is, for example "candidate #17 (published)"
   * @param distance how far it is (perceptual-hash bits that differ)
   */
  public record NearestKnown(String reference, int distance) {
    public NearestKnown {
      Objects.requireNonNull(reference, "reference");
      if (distance < 0) {
        throw new IllegalArgumentException("distance must not be negative: " + distance);
      }
    }
  }

  /** Builds a {@link ReviewCard}; every setter is optional except the signal score. */
  public static final class Builder {
    private final long candidateId;
    private final Image image;
    private String title;
    private double signalScore = Double.NaN;
    private String modelVersion = "unknown";
    private OptionalDouble nsfwScore = OptionalDouble.empty();
    private String source;
    private Credit credit = Credit.NONE;
    private NearestKnown nearestKnown;

    private Builder(long candidateId, Image image) {
      this.candidateId = candidateId;
      this.image = image;
    }

    public Builder title(String title) {
      this.title = title;
      return this;
    }

    public Builder signal(double score, String modelVersion) {
      this.signalScore = score;
      this.modelVersion = Objects.requireNonNull(modelVersion, "modelVersion");
      return this;
    }

    public Builder nsfwScore(double score) {
      this.nsfwScore = OptionalDouble.of(score);
      return this;
    }

    public Builder source(String source) {
      this.source = source;
      return this;
    }

    public Builder credit(String title, String author, String permalink) {
      this.credit = new Credit(title, author, permalink);
      return this;
    }

    public Builder nearestKnown(String reference, int distance) {
      this.nearestKnown = new NearestKnown(reference, distance);
      return this;
    }

    public ReviewCard build() {
      return new ReviewCard(
          candidateId,
          image,
          title,
          signalScore,
          modelVersion,
          nsfwScore,
          source,
          credit,
          nearestKnown);
    }
  }
}
