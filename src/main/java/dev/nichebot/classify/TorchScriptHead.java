package dev.nichebot.classify;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.util.Map;

/** A head stored as TorchScript (nsfwjs' converted head), run by DJL. Thread-safe. */
final class TorchScriptHead implements Head {
  private final Model model;
  private final int inputSize;

  private TorchScriptHead(Model model, int inputSize) {
    this.model = model;
    this.inputSize = inputSize;
  }

  static TorchScriptHead load(HeadBundle bundle) throws ModelBundleException {
    DjlRuntime.prepare();
    Model model = Model.newInstance(bundle.version() + "-head", Device.cpu(), "PyTorch");
    try {
      model.load(bundle.head().file(), null, Map.of("trainParam", "false"));
    } catch (IOException | MalformedModelException | RuntimeException e) {
      model.close();
      throw new ModelBundleException(
          bundle.dir()
              + ": cannot load "
              + bundle.head().file().getFileName()
              + " as TorchScript (corrupt?): "
              + Backbone.firstLine(e),
          e);
    }
    TorchScriptHead head = new TorchScriptHead(model, bundle.backbone().embeddingSize());
    int expected = bundle.head().output() == HeadSpec.Output.LOGIT ? 1 : bundle.labels().size();
    float[][] probe;
    try {
      probe = head.apply(new float[1][head.inputSize]);
    } catch (RuntimeException e) {
      head.close();
      throw new ModelBundleException(
          bundle.dir()
              + ": the head does not take the backbone's "
              + head.inputSize
              + "-value embeddings: "
              + Backbone.firstLine(e),
          e);
    }
    if (probe[0].length != expected) {
      head.close();
      throw new ModelBundleException(
          bundle.dir() + ": head gives " + probe[0].length + " outputs, expected " + expected);
    }
    return head;
  }

  @Override
  public synchronized float[][] apply(float[][] embeddings) {
    int n = embeddings.length;
    float[] flat = new float[n * inputSize];
    for (int i = 0; i < n; i++) {
      System.arraycopy(embeddings[i], 0, flat, i * inputSize, inputSize);
    }
    try (NDManager manager = model.getNDManager().newSubManager()) {
      NDArray x = manager.create(flat, new Shape(n, inputSize));
      NDArray y =
          model
              .getBlock()
              .forward(new ParameterStore(manager, false), new NDList(x), false)
              .singletonOrThrow();
      float[] values = y.toFloatArray();
      int k = values.length / n;
      float[][] out = new float[n][k];
      for (int i = 0; i < n; i++) {
        System.arraycopy(values, i * k, out[i], 0, k);
      }
      return out;
    }
  }

  @Override
  public synchronized void close() {
    model.close();
  }
}
