package dev.nichebot.classify;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Embeds (example, view) pairs, taking what it can from the cache and storing what it computes. */
public final class Embeddings {

  /**
   * Images per forward pass when embedding for training and evaluation. Measured on 2 cores with
   * freed memory kept (see {@link DjlRuntime}): 63-78 img/s forward-only at 8 against 33-43 at 16.
   */
  public static final int DEFAULT_BATCH = 8;

  /** One embedding to produce. */
  record Job(TrainingExample example, AugmentedView view) {
    String key() {
      return EmbeddingCache.key(example.sha256(), view);
    }
  }

  /** Embeddings in job order; {@code null} where the image failed, with the reason. */
  record Outcome(float[][] embeddings, List<String> failures, int computed) {}

  private Embeddings() {}

  static Outcome compute(
      Backbone backbone,
      EmbeddingCache cache,
      List<Job> jobs,
      int batchSize,
      String label,
      PrintStream progress)
      throws IOException {
    float[][] out = new float[jobs.size()][];
    List<Integer> missing = new ArrayList<>();
    for (int i = 0; i < jobs.size(); i++) {
      out[i] = cache.get(jobs.get(i).key());
      if (out[i] == null) {
        missing.add(i);
      }
    }
    List<String> failures = new ArrayList<>();
    if (!missing.isEmpty()) {
      InputSpec spec = backbone.input();
      ImagePreprocessor pre = new ImagePreprocessor(spec);
      List<Job> todo = missing.stream().map(jobs::get).toList();
      ProgressBar bar = new ProgressBar(label, todo.size(), progress);
      ExecutorService pool =
          Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
      try {
        BatchEmbedder embedder = new BatchEmbedder(backbone, pool, batchSize);
        int[] done = {0};
        embedder.embed(
            todo,
            (job, dst, off) -> {
              BufferedImage img = job.example().loader().load();
              if (img == null) {
                throw new ImageDecodeException("no image");
              }
              BufferedImage resized = ImagePreprocessor.resize(img, spec.width(), spec.height());
              pre.toTensor(job.view().apply(resized), dst, off);
            },
            (first, chunk) -> {
              // Stored as each batch finishes: an interrupted run keeps what it computed.
              for (int k = 0; k < chunk.size(); k++) {
                BatchEmbedder.Result r = chunk.get(k);
                Job job = todo.get(first + k);
                if (r.ok()) {
                  out[missing.get(first + k)] = r.embedding();
                  cache.put(job.key(), r.embedding());
                } else {
                  failures.add(job.example().id() + ": " + r.failure());
                }
              }
              done[0] += chunk.size();
              if (done[0] % 512 < chunk.size()) {
                cache.flush();
              }
              bar.update(done[0]);
            });
        cache.flush();
      } finally {
        pool.shutdownNow();
      }
    }
    return new Outcome(out, failures, missing.size());
  }
}
