package dev.nichebot.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Embeds many images in batches: while the backbone runs batch k, the pool decodes batch k+1, and
 * one image that cannot be decoded, or that makes the engine fail, is reported alone while the rest
 * of its batch is embedded.
 */
final class BatchEmbedder {

  /** Writes one item's input tensor at {@code dst[offset ...]}. */
  @FunctionalInterface
  interface Preparer<T> {
    void prepare(T item, float[] dst, int offset) throws Exception;
  }

  /** An embedding, or the reason there is none. */
  record Result(float[] embedding, String failure) {
    boolean ok() {
      return embedding != null;
    }
  }

  private final Backbone backbone;
  private final ExecutorService pool;
  private final int batchSize;

  BatchEmbedder(Backbone backbone, ExecutorService pool, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be positive");
    }
    this.backbone = backbone;
    this.pool = pool;
    this.batchSize = batchSize;
  }

  /** Told about each finished batch, so long runs can save and report as they go. */
  @FunctionalInterface
  interface ChunkListener {
    void done(int firstIndex, List<Result> results) throws java.io.IOException;
  }

  <T> List<Result> embed(List<T> items, Preparer<T> preparer, ChunkListener listener)
      throws java.io.IOException {
    List<Result> results = new ArrayList<>(items.size());
    int per = backbone.input().floatsPerImage();
    Chunk next = items.isEmpty() ? null : submit(items, 0, preparer, per);
    for (int start = 0; start < items.size(); start += batchSize) {
      Chunk current = next;
      int following = start + batchSize;
      next = following < items.size() ? submit(items, following, preparer, per) : null;
      List<Result> chunk = finish(current, per);
      if (listener != null) {
        listener.done(results.size(), chunk);
      }
      results.addAll(chunk);
    }
    return results;
  }

  private record Chunk(float[] pixels, List<Future<?>> tasks) {}

  private <T> Chunk submit(List<T> items, int start, Preparer<T> preparer, int per) {
    int n = Math.min(batchSize, items.size() - start);
    float[] pixels = new float[n * per];
    List<Future<?>> tasks = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      T item = items.get(start + i);
      int offset = i * per;
      tasks.add(
          pool.submit(
              () -> {
                preparer.prepare(item, pixels, offset);
                return null;
              }));
    }
    return new Chunk(pixels, tasks);
  }

  private List<Result> finish(Chunk chunk, int per) {
    int n = chunk.tasks().size();
    String[] failures = new String[n];
    int ok = 0;
    float[] pixels = chunk.pixels();
    for (int i = 0; i < n; i++) {
      try {
        chunk.tasks().get(i).get();
        if (ok != i) {
          // Compact: the backbone takes only the images that decoded.
          System.arraycopy(pixels, i * per, pixels, ok * per, per);
        }
        ok++;
      } catch (ExecutionException e) {
        failures[i] = reason(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while preparing images", e);
      }
    }
    String[] modelErrors = new String[ok];
    float[][] embeddings = ok == 0 ? new float[0][] : forward(pixels, ok, per, modelErrors);
    List<Result> results = new ArrayList<>(n);
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (failures[i] != null) {
        results.add(new Result(null, failures[i]));
      } else {
        float[] e = embeddings[k];
        results.add(
            e == null ? new Result(null, "model error: " + modelErrors[k]) : new Result(e, null));
        k++;
      }
    }
    return results;
  }

  /**
   * Runs the batch; if the engine fails, runs its images one by one to find the culprit. An
   * embedding with NaN or infinite values is run again alone and, if it stays so, reported as a
   * model error: one such vector would turn every loss of the head's training into NaN.
   */
  private float[][] forward(float[] pixels, int n, int per, String[] errors) {
    float[][] out;
    try {
      out = backbone.embed(pixels, n);
    } catch (IllegalStateException e) {
      throw e;
    } catch (RuntimeException batchError) {
      out = new float[n][];
    }
    for (int i = 0; i < n; i++) {
      if (out[i] != null && isFinite(out[i])) {
        continue;
      }
      float[] one = new float[per];
      System.arraycopy(pixels, i * per, one, 0, per);
      try {
        float[] again = backbone.embed(one, 1)[0];
        boolean usable = isFinite(again);
        out[i] = usable ? again : null;
        errors[i] = usable ? null : "the backbone gave NaN or infinite values";
      } catch (IllegalStateException e) {
        throw e;
      } catch (RuntimeException e) {
        out[i] = null;
        errors[i] = Backbone.firstLine(e);
      }
    }
    return out;
  }

  static boolean isFinite(float[] v) {
    for (float f : v) {
      if (!Float.isFinite(f)) {
        return false;
      }
    }
    return true;
  }

  private static String reason(Throwable e) {
    if (e instanceof ImageDecodeException) {
      return e.getMessage();
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "file not found: " + e.getMessage();
    }
    if (e instanceof java.io.IOException) {
      return "cannot read image: " + Backbone.firstLine(e);
    }
    if (e instanceof OutOfMemoryError) {
      return "image too large to decode";
    }
    return "cannot prepare image: " + Backbone.firstLine(e);
  }
}
