package dev.nichebot.classify;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A head of fully connected layers, evaluated in plain Java: a few hundred thousand multiply-adds
 * per image, far below the backbone's cost, and no second native model to load. Immutable and
 * thread-safe.
 */
public final class DenseHead implements Head {
  private final List<HeadSpec.DenseLayer> layers;
  private final List<float[]> weights;
  private final List<float[]> biases;

  public DenseHead(List<HeadSpec.DenseLayer> layers, List<float[]> weights, List<float[]> biases) {
    if (layers.isEmpty() || layers.size() != weights.size() || layers.size() != biases.size()) {
      throw new IllegalArgumentException("one weight and one bias array per layer");
    }
    for (int i = 0; i < layers.size(); i++) {
      HeadSpec.DenseLayer l = layers.get(i);
      if (weights.get(i).length != l.in() * l.out() || biases.get(i).length != l.out()) {
        throw new IllegalArgumentException("layer " + i + " arrays do not match " + l);
      }
    }
    this.layers = List.copyOf(layers);
    this.weights = weights.stream().map(float[]::clone).toList();
    this.biases = biases.stream().map(float[]::clone).toList();
  }

  static DenseHead read(Path dir, HeadSpec spec) throws ModelBundleException {
    float[] all;
    try {
      all = Head.readFloats(spec.file());
    } catch (IOException e) {
      throw new ModelBundleException(dir + ": cannot read " + spec.file().getFileName(), e);
    }
    List<float[]> w = new ArrayList<>();
    List<float[]> b = new ArrayList<>();
    int at = 0;
    for (HeadSpec.DenseLayer l : spec.layers()) {
      float[] wl = new float[l.in() * l.out()];
      System.arraycopy(all, at, wl, 0, wl.length);
      at += wl.length;
      float[] bl = new float[l.out()];
      System.arraycopy(all, at, bl, 0, bl.length);
      at += bl.length;
      for (float v : wl) {
        if (!Float.isFinite(v)) {
          throw new ModelBundleException(dir + ": head weights hold NaN or infinity (corrupt)");
        }
      }
      w.add(wl);
      b.add(bl);
    }
    return new DenseHead(spec.layers(), w, b);
  }

  public List<HeadSpec.DenseLayer> layers() {
    return layers;
  }

  /** Copies of layer {@code i}'s weight ({@code [out][in]}) and bias. */
  float[][] weightsAndBias(int i) {
    return new float[][] {weights.get(i).clone(), biases.get(i).clone()};
  }

  /** Writes the weights in the layout {@link #read} expects. */
  public void write(Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int i = 0; i < layers.size(); i++) {
        out.write(bytes(weights.get(i)));
        out.write(bytes(biases.get(i)));
      }
    }
  }

  private static byte[] bytes(float[] values) {
    ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asFloatBuffer().put(values);
    return buffer.array();
  }

  @Override
  public float[][] apply(float[][] embeddings) {
    float[][] out = new float[embeddings.length][];
    for (int n = 0; n < embeddings.length; n++) {
      float[] x = embeddings[n];
      for (int i = 0; i < layers.size(); i++) {
        x = layer(i, x);
      }
      out[n] = x;
    }
    return out;
  }

  private float[] layer(int index, float[] x) {
    HeadSpec.DenseLayer l = layers.get(index);
    if (x.length != l.in()) {
      throw new IllegalArgumentException(
          "head layer " + index + " takes " + l.in() + " values, got " + x.length);
    }
    float[] w = weights.get(index);
    float[] y = biases.get(index).clone();
    for (int o = 0; o < l.out(); o++) {
      double sum = y[o];
      int row = o * l.in();
      for (int i = 0; i < l.in(); i++) {
        sum += w[row + i] * x[i];
      }
      y[o] = l.activation() == HeadSpec.Activation.RELU ? (float) Math.max(0, sum) : (float) sum;
    }
    return y;
  }
}
