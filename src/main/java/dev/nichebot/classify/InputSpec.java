package dev.nichebot.classify;

import java.util.Arrays;

/**
 * What a backbone expects: an RGB image stretched to {@code width x height}, each channel mapped to
 * {@code (pixel * scale - mean[c]) / std[c]}, laid out NCHW.
 */
public record InputSpec(int width, int height, float scale, float[] mean, float[] std) {

  /** Largest side we accept in metadata; anything bigger is a typo, not a model. */
  static final int MAX_SIDE = 2048;

  public InputSpec {
    if (width < 8 || height < 8 || width > MAX_SIDE || height > MAX_SIDE) {
      throw new IllegalArgumentException(
          "input size " + width + "x" + height + " is outside 8.." + MAX_SIDE);
    }
    if (mean.length != 3 || std.length != 3) {
      throw new IllegalArgumentException("mean and std need 3 values (R, G, B)");
    }
    for (float s : std) {
      if (!(s > 0)) {
        throw new IllegalArgumentException("std values must be positive");
      }
    }
    if (!(scale > 0)) {
      throw new IllegalArgumentException("scale must be positive");
    }
    mean = mean.clone();
    std = std.clone();
  }

  /** nsfwjs' MobileNetV2: 224x224, RGB / 255, no mean or std. */
  public static InputSpec mobileNet224() {
    return new InputSpec(224, 224, 1f / 255f, new float[] {0, 0, 0}, new float[] {1, 1, 1});
  }

  /** Number of floats one image takes: 3 x height x width. */
  public int floatsPerImage() {
    return 3 * width * height;
  }

  @Override
  public float[] mean() {
    return mean.clone();
  }

  @Override
  public float[] std() {
    return std.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InputSpec other
        && width == other.width
        && height == other.height
        && scale == other.scale
        && Arrays.equals(mean, other.mean)
        && Arrays.equals(std, other.std);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * width + height) + Arrays.hashCode(mean) + 7 * Arrays.hashCode(std);
  }

  @Override
  public String toString() {
    return width
        + "x"
        + height
        + " RGB*"
        + scale
        + " mean="
        + Arrays.toString(mean)
        + " std="
        + Arrays.toString(std);
  }
}
