package dev.nichebot.crawl.source;

import java.util.Objects;

/**
 * One image a source found, with what is needed to credit it.
 *
 * @param imageUrl the image's URL ({@code file:} URI for folder sources)
 * @param pageUrl the page it was shown on (a Reddit permalink, a feed item's link), or null
 * @param author who posted it, or null
 * @param title the post's or item's title, or null
 * @param externalId the source's own id for the item (a Reddit fullname), or null
 */
public record Found(
    String imageUrl, String pageUrl, String author, String title, String externalId) {
  public Found {
    Objects.requireNonNull(imageUrl, "imageUrl");
  }

  public static Found of(String imageUrl) {
    return new Found(imageUrl, null, null, null, null);
  }
}
