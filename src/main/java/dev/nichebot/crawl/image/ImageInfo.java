package dev.nichebot.crawl.image;

import java.util.Objects;

/** What an image's header says: its sniffed format and its size in pixels. */
public record ImageInfo(ImageFormat format, int width, int height) {
  public ImageInfo {
    Objects.requireNonNull(format, "format");
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("bad size " + width + "x" + height);
    }
  }

  public long pixels() {
    return (long) width * height;
  }
}
