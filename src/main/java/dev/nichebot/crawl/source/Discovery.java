package dev.nichebot.crawl.source;

import java.util.List;

/**
 * What one read of a source gave.
 *
 * @param found the images, in the source's order
 * @param newlySeen item keys read for the first time (recorded after the candidates, so a crash in
 *     between only re-reads items whose images are then refused as known URLs)
 */
public record Discovery(List<Found> found, List<String> newlySeen) {
  public Discovery {
    found = List.copyOf(found);
    newlySeen = List.copyOf(newlySeen);
  }

  public static Discovery of(List<Found> found) {
    return new Discovery(found, List.of());
  }
}
