package dev.nichebot.classify;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scores images with a niche's signal model and, optionally, the NSFW gate.
 *
 * <pre>{@code
 * try (Classifier classifier = Classifier.builder(Path.of("models/demo-sleeves"))
 *     .nsfwBundle(Path.of("models/nsfw"))
 *     .build()) {
 *   for (Classification c : classifier.classify(List.of(ImageSource.of(file)))) { ... }
 * }
 * }</pre>
 *
 * <p>When both bundles sit on the same backbone (the shipped ones do), each image runs through the
 * backbone once and both heads read the same embedding. Thread-safe and reusable; close it to free
 * the native models.
 */
public final class Classifier implements AutoCloseable {
  private final HeadBundle signal;
  private final HeadBundle nsfw;
  private final Backbone signalBackbone;
  private final Backbone nsfwBackbone;
  private final Head signalHead;
  private final Head nsfwHead;
  private final ExecutorService pool;
  private final BatchEmbedder signalEmbedder;
  private final BatchEmbedder nsfwEmbedder;
  private final ImagePreprocessor signalPre;
  private final ImagePreprocessor nsfwPre;
  private volatile boolean closed;

  private Classifier(Builder b, HeadBundle signal, HeadBundle nsfw) throws ModelBundleException {
    this.signal = signal;
    this.nsfw = nsfw;
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      signalBackbone = Backbone.load(signal.backbone());
      opened.add(signalBackbone);
      signalHead = Head.load(signal);
      opened.add(signalHead);
      if (nsfw == null) {
        nsfwBackbone = null;
        nsfwHead = null;
      } else {
        nsfwBackbone =
            nsfw.backbone().sha256().equals(signal.backbone().sha256())
                ? signalBackbone
                : Backbone.load(nsfw.backbone());
        opened.add(nsfwBackbone);
        nsfwHead = Head.load(nsfw);
        opened.add(nsfwHead);
      }
    } catch (ModelBundleException | RuntimeException e) {
      for (AutoCloseable c : opened) {
        try {
          c.close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
    AtomicInteger threadNo = new AtomicInteger();
    pool =
        Executors.newFixedThreadPool(
            b.threads,
            r -> {
              Thread t = new Thread(r, "classify-prepare-" + threadNo.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    signalPre = new ImagePreprocessor(signal.backbone().input());
    signalEmbedder = new BatchEmbedder(signalBackbone, pool, b.batchSize);
    if (nsfw != null && nsfwBackbone != signalBackbone) {
      nsfwPre = new ImagePreprocessor(nsfw.backbone().input());
      nsfwEmbedder = new BatchEmbedder(nsfwBackbone, pool, b.batchSize);
    } else {
      nsfwPre = null;
      nsfwEmbedder = null;
    }
  }

  /** Starts configuring a classifier for the signal bundle in {@code signalBundleDir}. */
  public static Builder builder(Path signalBundleDir) {
    return new Builder(signalBundleDir);
  }

  /** The signal bundle's version, recorded with each score. */
  public String modelVersion() {
    return signal.version();
  }

  public HeadBundle signalBundle() {
    return signal;
  }

  public Optional<HeadBundle> nsfwBundle() {
    return Optional.ofNullable(nsfw);
  }

  /**
   * Scores images; the result list has one entry per input, in input order. An image that cannot be
   * read, decoded or run gets a {@link Classification.Failed} and the others are still scored.
   *
   * @throws IllegalStateException once closed
   */
  public List<Classification> classify(List<ImageSource> images) {
    if (closed) {
      throw new IllegalStateException("classifier is closed");
    }
    try {
      return score(images);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e); // no listener, so nothing throws it
    }
  }

  private List<Classification> score(List<ImageSource> images) throws java.io.IOException {
    List<BatchEmbedder.Result> embedded =
        signalEmbedder.embed(
            images, (img, dst, off) -> signalPre.prepare(img.read(), dst, off), null);
    List<BatchEmbedder.Result> nsfwEmbedded =
        nsfwEmbedder == null
            ? embedded
            : nsfwEmbedder.embed(
                images, (img, dst, off) -> nsfwPre.prepare(img.read(), dst, off), null);
    float[][] signalOut = applyHead(signalHead, embedded);
    float[][] nsfwOut = nsfwHead == null ? null : applyHead(nsfwHead, nsfwEmbedded);
    List<Classification> out = new ArrayList<>(images.size());
    for (int i = 0; i < images.size(); i++) {
      String id = images.get(i).id();
      BatchEmbedder.Result r = embedded.get(i);
      if (!r.ok()) {
        out.add(new Classification.Failed(id, r.failure()));
        continue;
      }
      if (nsfwOut != null && !nsfwEmbedded.get(i).ok()) {
        out.add(new Classification.Failed(id, "NSFW model: " + nsfwEmbedded.get(i).failure()));
        continue;
      }
      double score = signalScore(signalOut[i]);
      if (!Double.isFinite(score)) {
        out.add(new Classification.Failed(id, "model error: the signal score is not a number"));
        continue;
      }
      Optional<Classification.NsfwScore> nsfwScore =
          nsfwOut == null ? Optional.empty() : Optional.of(nsfwScore(nsfwOut[i]));
      out.add(
          new Classification.Scored(
              id, score, score >= signal.threshold(), signal.version(), nsfwScore));
    }
    return out;
  }

  private static float[][] applyHead(Head head, List<BatchEmbedder.Result> embedded) {
    List<float[]> ok = new ArrayList<>();
    for (BatchEmbedder.Result r : embedded) {
      if (r.ok()) {
        ok.add(r.embedding());
      }
    }
    float[][] applied = ok.isEmpty() ? new float[0][] : head.apply(ok.toArray(new float[0][]));
    float[][] out = new float[embedded.size()][];
    int k = 0;
    for (int i = 0; i < embedded.size(); i++) {
      if (embedded.get(i).ok()) {
        out[i] = applied[k++];
      }
    }
    return out;
  }

  private double signalScore(float[] out) {
    if (signal.head().output() == HeadSpec.Output.LOGIT) {
      return sigmoid(out[0]);
    }
    return out[signal.labels().indexOf("signal")];
  }

  private Classification.NsfwScore nsfwScore(float[] probabilities) {
    Map<String, Double> byLabel = new LinkedHashMap<>();
    List<String> labels = nsfw.labels();
    for (int k = 0; k < labels.size(); k++) {
      byLabel.put(labels.get(k), (double) probabilities[k]);
    }
    double score = 0;
    for (String label : nsfw.nsfwLabels()) {
      score += byLabel.get(label);
    }
    score = Math.min(1.0, Math.max(0.0, score));
    return new Classification.NsfwScore(score, score >= nsfw.threshold(), byLabel, nsfw.version());
  }

  static double sigmoid(double x) {
    return 1.0 / (1.0 + Math.exp(-x));
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    pool.shutdownNow();
    signalHead.close();
    signalBackbone.close();
    if (nsfwHead != null) {
      nsfwHead.close();
    }
    if (nsfwBackbone != null && nsfwBackbone != signalBackbone) {
      nsfwBackbone.close();
    }
  }

  /** Optional settings; {@link #build()} loads the models. */
  public static final class Builder {
    private final Path signalDir;
    private Path nsfwDir;
    private int batchSize = 16;
    private int threads = Math.max(1, Runtime.getRuntime().availableProcessors());

    private Builder(Path signalDir) {
      this.signalDir = Objects.requireNonNull(signalDir, "signalBundleDir");
    }

    /** Adds the NSFW gate (for example {@code models/nsfw}). */
    public Builder nsfwBundle(Path dir) {
      this.nsfwDir = dir;
      return this;
    }

    /** Images per forward pass (default 16). */
    public Builder batchSize(int batchSize) {
      if (batchSize < 1 || batchSize > 512) {
        throw new IllegalArgumentException("batch size must be 1..512");
      }
      this.batchSize = batchSize;
      return this;
    }

    /** Threads that decode and resize images (default: the number of cores). */
    public Builder preprocessThreads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("need at least one thread");
      }
      this.threads = threads;
      return this;
    }

    /**
     * Reads and checks the bundles and loads the models.
     *
     * @throws ModelBundleException naming the bundle and what is wrong with it
     */
    public Classifier build() throws ModelBundleException {
      HeadBundle signal = ModelBundles.readHead(signalDir);
      if (signal.kind() != HeadBundle.Kind.SIGNAL) {
        throw new ModelBundleException(
            signalDir + " is an " + signal.kind() + " bundle, not a signal bundle");
      }
      HeadBundle nsfw = null;
      if (nsfwDir != null) {
        nsfw = ModelBundles.readHead(nsfwDir);
        if (nsfw.kind() != HeadBundle.Kind.NSFW) {
          throw new ModelBundleException(nsfwDir + " is not an nsfw bundle");
        }
      }
      return new Classifier(this, signal, nsfw);
    }
  }
}
