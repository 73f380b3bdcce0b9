package dev.nichebot.reddit;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * One image of a post, in the order the post shows it.
 *
 * @param url an absolute http(s) URL of the file
 * @param width pixels, when Reddit said
 * @param height pixels, when Reddit said
 * @param source where the URL came from, so callers can prefer originals over previews
 */
public record PostImage(String url, OptionalInt width, OptionalInt height, Source source) {

  /** Where an image URL came from. */
  public enum Source {
    /** The post links straight to the image file ({@code i.redd.it}, {@code i.imgur.com}). */
    DIRECT,
    /** One item of a Reddit gallery (an animated item is given as its gif). */
    GALLERY,
    /** Reddit's preview of a link that is not an image itself. */
    PREVIEW
  }

  public PostImage {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(width, "width");
    Objects.requireNonNull(height, "height");
    Objects.requireNonNull(source, "source");
  }
}
