package dev.nichebot.classify;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embeddings already computed, keyed by the image's SHA-256 and the augmented view, in one
 * append-only file per backbone (embeddings of another backbone are meaningless). Retraining with
 * new labels, a new seed or other head settings then costs no backbone passes for known images.
 *
 * <p>A torn last record (a crash while appending) is dropped on load; the rest stays usable.
 * Thread-safe.
 */
public final class EmbeddingCache implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddingCache.class);
  private static final int MAGIC = 0x4e42454d; // "NBEM"

  private final Path file;
  private final int dimension;
  private final Map<String, float[]> entries = new HashMap<>();
  private DataOutputStream out;

  private EmbeddingCache(Path file, int dimension) {
    this.file = file;
    this.dimension = dimension;
  }

  /** An in-memory cache, for runs without a cache folder. */
  public static EmbeddingCache inMemory(int dimension) {
    return new EmbeddingCache(null, dimension);
  }

  /**
   * Opens (or creates) the cache for {@code backboneSha256} under {@code dir}.
   *
   * @param dimension the backbone's embedding size; records of another size are ignored
   */
  public static EmbeddingCache open(Path dir, String backboneSha256, int dimension)
      throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve("embeddings-" + backboneSha256.substring(0, 16) + ".bin");
    EmbeddingCache cache = new EmbeddingCache(file, dimension);
    long validBytes = cache.load();
    if (Files.exists(file) && Files.size(file) > validBytes) {
      log.warn("embedding cache {}: dropping a torn record at byte {}", file, validBytes);
      try (var channel = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
        channel.truncate(validBytes);
      }
    }
    cache.out =
        new DataOutputStream(
            new BufferedOutputStream(
                Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                1 << 16));
    return cache;
  }

  private long load() throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    long valid = 0;
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
      while (true) {
        int magic;
        try {
          magic = in.readInt();
        } catch (EOFException e) {
          break;
        }
        try {
          if (magic != MAGIC) {
            break;
          }
          String key = in.readUTF();
          int n = in.readInt();
          if (n < 1 || n > 1 << 20) {
            break;
          }
          float[] v = new float[n];
          for (int i = 0; i < n; i++) {
            v[i] = in.readFloat();
          }
          if (n == dimension) {
            entries.put(key, v);
          }
          valid += 4 + 2 + utfLength(key) + 4 + 4L * n;
        } catch (EOFException e) {
          break;
        }
      }
    }
    return valid;
  }

  private static int utfLength(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  public static String key(String imageSha256, AugmentedView view) {
    return imageSha256 + "|" + view.key();
  }

  public synchronized float[] get(String key) {
    float[] v = entries.get(key);
    return v == null ? null : v.clone();
  }

  public synchronized void put(String key, float[] embedding) throws IOException {
    if (embedding.length != dimension) {
      throw new IllegalArgumentException(
          "embedding of " + embedding.length + " values, cache holds " + dimension);
    }
    if (entries.putIfAbsent(key, embedding.clone()) == null && out != null) {
      out.writeInt(MAGIC);
      out.writeUTF(key);
      out.writeInt(embedding.length);
      for (float f : embedding) {
        out.writeFloat(f);
      }
    }
  }

  public synchronized int size() {
    return entries.size();
  }

  public synchronized void flush() throws IOException {
    if (out != null) {
      out.flush();
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (out != null) {
      out.close();
      out = null;
    }
  }
}
