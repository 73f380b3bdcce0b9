package dev.nichebot.crawl.image;

/**
 * Limits applied by {@link ImageProbe}.
 *
 * @param maxPixels largest width × height accepted, read from the header before any pixel is
 *     decoded
 * @param previewSide decoding subsamples an image so its shorter side stays at least this long (and
 *     below twice this): plenty for a 32×32 fingerprint, and a 50-megapixel photo costs a few
 *     hundred kilobytes of heap instead of 150 MB
 */
public record ImageLimits(long maxPixels, int previewSide) {
  public static final long DEFAULT_MAX_PIXELS = 50_000_000L;
  public static final int DEFAULT_PREVIEW_SIDE = 256;

  public ImageLimits {
    if (maxPixels <= 0) {
      throw new IllegalArgumentException("maxPixels must be positive: " + maxPixels);
    }
    if (previewSide < 32) {
      throw new IllegalArgumentException("previewSide must be at least 32: " + previewSide);
    }
  }

  public static ImageLimits defaults() {
    return new ImageLimits(DEFAULT_MAX_PIXELS, DEFAULT_PREVIEW_SIDE);
  }

  public static ImageLimits ofMaxPixels(long maxPixels) {
    return new ImageLimits(maxPixels, DEFAULT_PREVIEW_SIDE);
  }
}
