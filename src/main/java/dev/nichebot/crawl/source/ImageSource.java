package dev.nichebot.crawl.source;

/** Something that lists images: a subreddit, a feed, a file of URLs, a folder. */
public interface ImageSource {

  SourceSpec spec();

  /**
   * The images the source offers now. May return images found before: the crawl stage never records
   * the same image URL twice.
   *
   * @param seen the items (Reddit fullnames, feed item ids) this source has produced before, so a
   *     listing can stop where the last run began; folder and URL-list sources ignore it
   * @throws SourceException when the source cannot be read at all this time
   */
  Discovery discover(SeenItems seen) throws SourceException;
}
