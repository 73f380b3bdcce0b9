package dev.nichebot.crawl;

import dev.nichebot.crawl.dedup.PerceptualHash;
import dev.nichebot.crawl.dedup.Thumbnail;
import dev.nichebot.crawl.download.DownloadResult;
import dev.nichebot.crawl.download.SafeDownloader;
import dev.nichebot.crawl.image.DecodedImage;
import dev.nichebot.crawl.image.ImageProbe;
import dev.nichebot.crawl.image.ImageRejectedException;
import dev.nichebot.crawl.storage.ImageStore;
import dev.nichebot.crawl.storage.Sha256;
import dev.nichebot.crawl.storage.StoredImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The download stage's building block: fetch (or read) an image, check it, fingerprint it, and
 * store it, each step ending in a machine-readable reason when it fails.
 *
 * <pre>{@code
 * IntakeResult r = intake.fetch(url);
 * if (r instanceof IntakeResult.Accepted a) {
 *   // exact duplicate? a.sha256() in the database; near duplicate? index.nearest(a.perceptualHash(), d)
 *   StoredImage file = intake.store(a);
 * } else if (r instanceof IntakeResult.Rejected x) {
 *   // mark FAILED with x.reason(), retry later if x.reason().isTransient()
 * }
 * }</pre>
 *
 * Thread-safe; concurrency is bounded by the {@link SafeDownloader}.
 */
public final class ImageIntake {
  private final SafeDownloader downloader;
  private final ImageProbe probe;
  private final ImageStore store;

  public ImageIntake(SafeDownloader downloader, ImageProbe probe, ImageStore store) {
    this.downloader = Objects.requireNonNull(downloader, "downloader");
    this.probe = Objects.requireNonNull(probe, "probe");
    this.store = Objects.requireNonNull(store, "store");
  }

  /** Downloads and inspects one image URL. Never throws. */
  public IntakeResult fetch(String url) {
    DownloadResult result = downloader.download(url);
    if (result instanceof DownloadResult.Failed failed) {
      return new IntakeResult.Rejected(failed.reason(), failed.detail(), failed.failedUrl());
    }
    DownloadResult.Downloaded downloaded = (DownloadResult.Downloaded) result;
    return inspect(downloaded.body(), downloaded.finalUrl(), downloaded.contentType());
  }

  /**
   * Reads and inspects a local image file (the folder source), with the downloader's byte limit.
   * Never throws.
   */
  public IntakeResult read(Path file) {
    String origin = file.toString();
    try {
      if (!Files.isRegularFile(file)) {
        return new IntakeResult.Rejected(FailureReason.UNREADABLE_FILE, "not a file", origin);
      }
      long size = Files.size(file);
      long max = downloader.config().maxBytes();
      if (size > max) {
        return new IntakeResult.Rejected(FailureReason.TOO_LARGE, size + " bytes > " + max, origin);
      }
      return inspect(Files.readAllBytes(file), origin, "");
    } catch (IOException e) {
      return new IntakeResult.Rejected(FailureReason.UNREADABLE_FILE, e.toString(), origin);
    } catch (OutOfMemoryError e) {
      // A file that grew past the limit between size() and read: refuse it, keep crawling.
      return new IntakeResult.Rejected(FailureReason.TOO_LARGE, "too large to read", origin);
    }
  }

  /** Checks, decodes (subsampled) and fingerprints bytes. Never throws. */
  public IntakeResult inspect(byte[] bytes, String origin, String contentType) {
    try {
      DecodedImage decoded = probe.decode(bytes);
      PerceptualHash hash = PerceptualHash.of(decoded.pixels());
      return new IntakeResult.Accepted(
          bytes,
          decoded.info(),
          Sha256.of(bytes),
          hash,
          Thumbnail.of(decoded.pixels()),
          origin,
          contentType);
    } catch (ImageRejectedException e) {
      return new IntakeResult.Rejected(e.reason(), e.getMessage(), origin);
    } catch (RuntimeException e) {
      return new IntakeResult.Rejected(FailureReason.CORRUPT, e.toString(), origin);
    }
  }

  /**
   * The print of an image already in the store, for confirming a near-duplicate match; empty when
   * its file is gone or no longer decodes (then the match is not confirmed).
   *
   * @param relativePath as recorded in the images table
   */
  public Optional<Thumbnail> storedThumbnail(String relativePath) {
    Path root = store.root().toAbsolutePath().normalize();
    Path file = root.resolve(relativePath).normalize();
    if (!file.startsWith(root) || !Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Thumbnail.of(probe.decode(Files.readAllBytes(file)).pixels()));
    } catch (IOException | ImageRejectedException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Writes an accepted image to the content-addressed store (idempotent). */
  public StoredImage store(IntakeResult.Accepted image) throws IOException {
    return store.put(image.bytes(), image.info().format());
  }

  /**
   * Fetch, inspect and store in one go, for callers with no duplicate check in between (the crawl
   * benchmark). A store failure comes back as {@link FailureReason#STORE_FAILED}.
   */
  public IntakeResult fetchAndStore(String url) {
    IntakeResult result = fetch(url);
    if (result instanceof IntakeResult.Accepted accepted) {
      try {
        store(accepted);
      } catch (IOException e) {
        return new IntakeResult.Rejected(
            FailureReason.STORE_FAILED, e.toString(), accepted.origin());
      }
    }
    return result;
  }

  public ImageStore imageStore() {
    return store;
  }
}
