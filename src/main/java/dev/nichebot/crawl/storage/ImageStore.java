package dev.nichebot.crawl.storage;

import dev.nichebot.crawl.image.ImageFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Content-addressed image files: {@code <root>/ab/cd/<sha256>.<ext>}, where {@code abcd...} is the
 * SHA-256 of the bytes.
 *
 * <p>A file appears whole or not at all: bytes go to a temporary file in the target directory, are
 * forced to disk, and the file is renamed into place atomically (then the directory is forced so
 * the rename survives a power cut). A crash leaves at most a {@code .tmp-} file, which no hash
 * names and {@link #removeStaleTemporaryFiles(Duration)} cleans up. Writing the same bytes twice
 * writes one file. Thread- and process-safe: concurrent writers of the same bytes race to rename
 * identical content.
 */
public final class ImageStore {
  private static final Logger log = LoggerFactory.getLogger(ImageStore.class);
  private static final String TEMP_PREFIX = ".tmp-";

  private final Path root;

  public ImageStore(Path root) {
    this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /**
   * Stores bytes of a known format under their SHA-256 (computed here, so a name always matches its
   * content). Idempotent: returns the existing file (with {@code created == false}) when the same
   * bytes are already stored.
   */
  public StoredImage put(byte[] data, ImageFormat format) throws IOException {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(format, "format");
    String sha256 = Sha256.of(data);
    Path target = pathFor(sha256, format);
    if (Files.isRegularFile(target) && Files.size(target) == data.length) {
      return new StoredImage(sha256, format, target, data.length, false);
    }
    Path dir = target.getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, TEMP_PREFIX, "." + format.extension());
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(data);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      moveIntoPlace(temp, target);
      forceDirectory(dir);
    } finally {
      Files.deleteIfExists(temp);
    }
    return new StoredImage(sha256, format, target, data.length, true);
  }

  /** The stored file for a hash, whatever its format. */
  public Optional<StoredImage> find(String sha256) {
    if (!Sha256.isValid(sha256)) {
      return Optional.empty();
    }
    for (ImageFormat format : ImageFormat.values()) {
      Path path = pathFor(sha256, format);
      if (Files.isRegularFile(path)) {
        try {
          return Optional.of(new StoredImage(sha256, format, path, Files.size(path), false));
        } catch (NoSuchFileException e) {
          return Optional.empty();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return Optional.empty();
  }

  public boolean contains(String sha256) {
    return find(sha256).isPresent();
  }

  /** The stored bytes of a hash. */
  public byte[] read(String sha256) throws IOException {
    StoredImage image =
        find(sha256).orElseThrow(() -> new NoSuchFileException("no stored image " + sha256));
    return Files.readAllBytes(image.path());
  }

  /** Opens the stored bytes of a hash; the caller closes the stream. */
  public InputStream open(String sha256) throws IOException {
    StoredImage image =
        find(sha256).orElseThrow(() -> new NoSuchFileException("no stored image " + sha256));
    return Files.newInputStream(image.path());
  }

  /** Where the bytes with this hash and format live (or would). */
  public Path pathFor(String sha256, ImageFormat format) {
    requireValid(sha256);
    return root.resolve(sha256.substring(0, 2))
        .resolve(sha256.substring(2, 4))
        .resolve(sha256 + "." + format.extension());
  }

  /**
   * Deletes temporary files that a crashed writer left behind, if older than {@code minAge} (so a
   * write in progress in another process is never touched). Returns how many were removed.
   */
  public int removeStaleTemporaryFiles(Duration minAge) throws IOException {
    if (!Files.isDirectory(root)) {
      return 0;
    }
    FileTime cutoff = FileTime.from(Instant.now().minus(minAge));
    int removed = 0;
    try (Stream<Path> files = Files.walk(root, 3)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (p.getFileName().toString().startsWith(TEMP_PREFIX)
            && Files.isRegularFile(p)
            && Files.getLastModifiedTime(p).compareTo(cutoff) < 0) {
          Files.deleteIfExists(p);
          removed++;
        }
      }
    }
    return removed;
  }

  private static void moveIntoPlace(Path temp, Path target) throws IOException {
    try {
      // rename(2): replaces an existing target atomically; identical bytes, so either is fine.
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      // Same directory, so this only happens on exotic file systems; keep the no-half-file rule.
      throw new IOException("image store needs atomic rename in " + target.getParent(), e);
    } catch (FileAlreadyExistsException e) {
      // Some file systems refuse to replace: the content is identical, nothing to do.
      log.debug("{} appeared concurrently", target);
    }
  }

  private static void forceDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Not every platform can open a directory (Windows); the rename itself is still atomic.
      log.debug("cannot fsync directory {}: {}", dir, e.toString());
    }
  }

  private static void requireValid(String sha256) {
    if (!Sha256.isValid(sha256)) {
      throw new IllegalArgumentException("not a SHA-256 hex digest: " + sha256);
    }
  }
}
