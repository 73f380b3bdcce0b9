package dev.nichebot.crawl;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the crawl and download stages behave ({@code crawl.*}).
 *
 * @param batchSize candidates one download run takes at most
 * @param concurrency downloads in flight at once
 * @param maxAttempts tries of a transiently failing download before it is FAILED
 * @param retryBackoff wait before the first retry; doubles with every further attempt
 * @param dedupDistance largest Hamming distance of a near duplicate
 * @param dedupSimilarity smallest correlation of the two images' prints that confirms a hash match
 *     ({@link dev.nichebot.crawl.dedup.Thumbnail}); 0 lets the hash alone decide
 * @param firstRunPages listing pages a new Reddit source reads
 * @param workingDir what relative {@code folder:} and {@code urls:} paths are relative to
 */
public record CrawlSettings(
    int batchSize,
    int concurrency,
    int maxAttempts,
    Duration retryBackoff,
    int dedupDistance,
    double dedupSimilarity,
    int firstRunPages,
    Path workingDir) {
  public CrawlSettings {
    if (batchSize < 1 || concurrency < 1 || maxAttempts < 1 || firstRunPages < 1) {
      throw new IllegalArgumentException("crawl settings must be at least 1");
    }
    if (dedupDistance < 0 || dedupDistance > 64) {
      throw new IllegalArgumentException("dedup distance must be 0..64: " + dedupDistance);
    }
    if (!(dedupSimilarity >= 0 && dedupSimilarity <= 1)) {
      throw new IllegalArgumentException("dedup similarity must be 0..1: " + dedupSimilarity);
    }
    Objects.requireNonNull(retryBackoff, "retryBackoff");
    Objects.requireNonNull(workingDir, "workingDir");
  }

  /** The wait before attempt {@code attempt + 1}, after {@code attempt} failed ones (1-based). */
  public Duration backoffAfter(int attempt) {
    int doublings = Math.min(Math.max(0, attempt - 1), 20);
    return retryBackoff.multipliedBy(1L << doublings);
  }
}
