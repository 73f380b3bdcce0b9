package dev.nichebot.crawl.source;

import dev.nichebot.crawl.download.SafeDownloader;
import dev.nichebot.reddit.RedditPostSource;
import java.nio.file.Path;
import java.util.Optional;

/** Builds the {@link ImageSource} a {@code sources} row names. */
public final class SourceFactory {
  private final Path workingDir;
  private final Optional<RedditPostSource> reddit;
  private final SafeDownloader feeds;
  private final int firstRunPages;

  /**
   * @param workingDir what relative {@code folder:} and {@code urls:} paths are relative to
   * @param reddit the Reddit client, when its login is configured
   * @param feeds fetches feeds, with the downloads' limits and SSRF guard
   * @param firstRunPages listing pages a new Reddit source reads
   */
  public SourceFactory(
      Path workingDir, Optional<RedditPostSource> reddit, SafeDownloader feeds, int firstRunPages) {
    this.workingDir = workingDir;
    this.reddit = reddit;
    this.feeds = feeds;
    this.firstRunPages = firstRunPages;
  }

  /**
   * @throws SourceException when the spec is not a source, or its kind cannot be read here
   */
  public ImageSource create(String specText) throws SourceException {
    SourceSpec spec;
    try {
      spec = SourceSpec.parse(specText);
    } catch (IllegalArgumentException e) {
      throw new SourceException(e.getMessage(), e);
    }
    return switch (spec.kind()) {
      case FOLDER -> new FolderSource(spec, workingDir);
      case URLS -> new UrlListSource(spec, workingDir);
      case FEED -> new FeedSource(spec, feeds);
      case REDDIT ->
          new RedditSource(
              spec,
              reddit.orElseThrow(
                  () ->
                      new SourceException(
                          "reddit: sources need the Reddit login (reddit.client-id,"
                              + " reddit.client-secret, reddit.username, reddit.password)")),
              firstRunPages);
    };
  }
}
