package dev.nichebot.classify;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A loaded backbone: runs the TorchScript feature extractor through DJL's PyTorch engine.
 *
 * <p>Thread-safe: forward passes are serialised, since libtorch already spreads one pass over all
 * cores and two concurrent passes only fight for them; callers prepare images in parallel.
 */
public final class Backbone implements AutoCloseable {
  private final BackboneBundle bundle;
  private final Model model;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile boolean closed;

  private Backbone(BackboneBundle bundle, Model model) {
    this.bundle = bundle;
    this.model = model;
  }

  /**
   * Loads the weights and runs one probe image of the declared input size, so that a model that
   * rejects that size, or gives embeddings of another size than declared, fails here with a clear
   * message instead of on the first candidate.
   */
  public static Backbone load(BackboneBundle bundle) throws ModelBundleException {
    return load(bundle, false);
  }

  static Backbone load(BackboneBundle bundle, boolean trainable) throws ModelBundleException {
    DjlRuntime.prepare();
    Model model = Model.newInstance(bundle.version(), Device.cpu(), "PyTorch");
    try {
      model.load(bundle.weightsFile(), null, Map.of("trainParam", String.valueOf(trainable)));
    } catch (IOException | MalformedModelException | RuntimeException e) {
      model.close();
      throw new ModelBundleException(
          bundle.dir()
              + ": cannot load "
              + bundle.weightsFile().getFileName()
              + " as TorchScript (corrupt or not a TorchScript file?): "
              + firstLine(e),
          e);
    }
    Backbone backbone = new Backbone(bundle, model);
    backbone.probe();
    return backbone;
  }

  private void probe() throws ModelBundleException {
    InputSpec in = bundle.input();
    float[][] out;
    try {
      out = embed(new float[in.floatsPerImage()], 1);
    } catch (RuntimeException e) {
      close();
      throw new ModelBundleException(
          bundle.dir()
              + ": the model does not accept the declared input size 3x"
              + in.height()
              + "x"
              + in.width()
              + ": "
              + firstLine(e),
          e);
    }
    if (out.length != 1 || out[0].length != bundle.embeddingSize()) {
      close();
      throw new ModelBundleException(
          bundle.dir()
              + ": for input 3x"
              + in.height()
              + "x"
              + in.width()
              + " the model gives "
              + (out.length == 0 ? 0 : out[0].length)
              + " values per image, bundle.json declares embedding_size "
              + bundle.embeddingSize()
              + " (wrong input size or wrong metadata)");
    }
  }

  public BackboneBundle bundle() {
    return bundle;
  }

  public InputSpec input() {
    return bundle.input();
  }

  public int embeddingSize() {
    return bundle.embeddingSize();
  }

  public String version() {
    return bundle.version();
  }

  /**
   * Embeds {@code n} images laid out NCHW in {@code pixels} (as {@link ImagePreprocessor} writes
   * them).
   *
   * @return {@code n} embeddings
   * @throws IllegalStateException once closed
   * @throws RuntimeException when the engine fails (the caller marks the batch's images failed)
   */
  public float[][] embed(float[] pixels, int n) {
    InputSpec in = bundle.input();
    int per = in.floatsPerImage();
    if (pixels.length < n * per) {
      throw new IllegalArgumentException("need " + n * per + " floats, got " + pixels.length);
    }
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("backbone " + bundle.version() + " is closed");
      }
      try (NDManager manager = model.getNDManager().newSubManager()) {
        NDArray x;
        if (pixels.length == n * per) {
          x = manager.create(pixels, new Shape(n, 3, in.height(), in.width()));
        } else {
          x =
              manager.create(
                  java.nio.FloatBuffer.wrap(pixels, 0, n * per),
                  new Shape(n, 3, in.height(), in.width()));
        }
        NDArray y = forward(manager, x);
        float[] flat = y.toFloatArray();
        int e = flat.length / n;
        float[][] out = new float[n][e];
        for (int i = 0; i < n; i++) {
          System.arraycopy(flat, i * e, out[i], 0, e);
        }
        return out;
      }
    } finally {
      lock.unlock();
    }
  }

  private NDArray forward(NDManager manager, NDArray x) {
    Block block = model.getBlock();
    NDList result = block.forward(new ParameterStore(manager, false), new NDList(x), false);
    NDArray y = result.singletonOrThrow();
    if (y.getShape().dimension() != 2) {
      y = y.reshape(x.getShape().get(0), -1);
    }
    return y;
  }

  /** The DJL model, for training code in this package (fine-tuning). */
  Model model() {
    return model;
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (!closed) {
        closed = true;
        model.close();
      }
    } finally {
      lock.unlock();
    }
  }

  static String firstLine(Throwable e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e.getClass().getSimpleName();
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
