package dev.nichebot.classify;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * Fits a small dense head (optionally one hidden ReLU layer, then one logit) on embeddings with
 * DJL's PyTorch engine: class-weighted binary cross-entropy, Adam, dropout, and early stopping on
 * the validation loss (weighted as the training loss). Inputs are standardised per dimension; the
 * scaling is folded into the first layer of the returned head, so the head takes raw embeddings.
 */
final class HeadFitter {

  /** Settings; see {@link TrainingOptions} for their meaning. */
  record Settings(
      int hidden,
      double dropout,
      int maxEpochs,
      int patience,
      double learningRate,
      double weightDecay,
      int batchSize,
      long seed,
      ClassWeights classWeights) {}

  /** The fitted head and how the losses went. */
  record Fit(DenseHead head, List<Double> trainLoss, List<Double> validationLoss, int bestEpoch) {}

  private HeadFitter() {}

  static Fit fit(
      float[][] trainX,
      boolean[] trainY,
      float[][] valX,
      boolean[] valY,
      Settings s,
      IntConsumer epochDone) {
    DjlRuntime.prepare();
    int d = trainX[0].length;
    int n = trainX.length;
    float[] mean = new float[d];
    float[] std = new float[d];
    standardisation(trainX, mean, std);
    float[] x = flatten(trainX, mean, std);
    float[] vx = flatten(valX, mean, std);
    float[] sampleWeight = s.classWeights().of(trainY);
    float[] valWeight = s.classWeights().of(valY);
    Random random = new Random(s.seed());
    Engine engine = Engine.getEngine("PyTorch");
    engine.setRandomSeed((int) s.seed());

    int hidden = s.hidden();
    List<float[]> init = new ArrayList<>();
    if (hidden > 0) {
      init.add(heInit(d, hidden, random));
      init.add(new float[hidden]);
      init.add(heInit(hidden, 1, random));
    } else {
      init.add(heInit(d, 1, random));
    }
    init.add(new float[1]);

    List<Double> trainLoss = new ArrayList<>();
    List<Double> valLoss = new ArrayList<>();
    List<float[]> best = null;
    double bestLoss = Double.POSITIVE_INFINITY;
    int bestEpoch = -1;
    int divergedAt = 0;
    try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      List<NDArray> params = new ArrayList<>();
      List<Boolean> decay = new ArrayList<>();
      for (int i = 0; i < init.size(); i++) {
        Shape shape = paramShape(i, d, hidden);
        NDArray p = manager.create(init.get(i), shape);
        p.setRequiresGradient(true);
        params.add(p);
        decay.add(i % 2 == 0);
      }
      AdamOptimizer adam =
          new AdamOptimizer(params, decay, manager, s.learningRate(), s.weightDecay());
      NDArray valInputs = manager.create(vx, new Shape(valX.length, d));
      NDArray valTargets = manager.create(toFloats(valY), new Shape(valX.length, 1));
      NDArray valWeights = manager.create(valWeight, new Shape(valX.length, 1));
      int[] order = new int[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      int sinceBest = 0;
      for (int epoch = 0; epoch < s.maxEpochs(); epoch++) {
        shuffle(order, random);
        double epochLoss = 0;
        double epochWeight = 0;
        for (int start = 0; start < n; start += s.batchSize()) {
          int b = Math.min(s.batchSize(), n - start);
          float[] bx = new float[b * d];
          float[] by = new float[b];
          float[] bw = new float[b];
          for (int i = 0; i < b; i++) {
            int row = order[start + i];
            System.arraycopy(x, row * d, bx, i * d, d);
            by[i] = trainY[row] ? 1 : 0;
            bw[i] = sampleWeight[row];
          }
          try (NDManager batch = manager.newSubManager()) {
            NDArray inputs = batch.create(bx, new Shape(b, d));
            NDArray targets = batch.create(by, new Shape(b, 1));
            NDArray weights = batch.create(bw, new Shape(b, 1));
            try (GradientCollector gc = engine.newGradientCollector()) {
              NDArray logits = forward(params, inputs, hidden, s.dropout(), batch);
              NDArray loss = weightedBce(logits, targets, weights);
              epochLoss += loss.getFloat() * sumOf(bw);
              epochWeight += sumOf(bw);
              gc.backward(loss);
            }
            adam.step();
          }
        }
        double vl;
        try (NDManager evaluation = manager.newSubManager()) {
          NDArray logits = forward(params, valInputs, hidden, 0, evaluation);
          vl = weightedBce(logits, valTargets, valWeights).getFloat();
        }
        double tl = epochLoss / epochWeight;
        trainLoss.add(tl);
        valLoss.add(vl);
        if (epochDone != null) {
          epochDone.accept(epoch + 1);
        }
        if (!Double.isFinite(tl) || !Double.isFinite(vl)) {
          // The weights are past saving; keep the best epoch so far, if there is one.
          divergedAt = epoch + 1;
          break;
        }
        if (vl < bestLoss - 1e-5) {
          bestLoss = vl;
          bestEpoch = epoch + 1;
          best = new ArrayList<>();
          for (NDArray p : params) {
            best.add(p.toFloatArray());
          }
          sinceBest = 0;
        } else if (++sinceBest >= s.patience()) {
          break;
        }
      }
    }
    if (best == null) {
      throw new TrainingDivergedException(
          String.format(
              Locale.ROOT,
              "the head's training diverged in epoch %d (train loss %s, validation loss %s);"
                  + " non-finite embedding values: %d in training, %d in validation",
              divergedAt,
              trainLoss.get(trainLoss.size() - 1),
              valLoss.get(valLoss.size() - 1),
              nonFinite(trainX),
              nonFinite(valX)));
    }
    return new Fit(toHead(best, d, hidden, mean, std), trainLoss, valLoss, bestEpoch);
  }

  /** The head's losses became NaN or infinite before any epoch gave a usable head. */
  static final class TrainingDivergedException extends IllegalStateException {
    TrainingDivergedException(String message) {
      super(message);
    }
  }

  private static int nonFinite(float[][] rows) {
    int count = 0;
    for (float[] row : rows) {
      for (float f : row) {
        count += Float.isFinite(f) ? 0 : 1;
      }
    }
    return count;
  }

  private static Shape paramShape(int index, int d, int hidden) {
    if (hidden > 0) {
      return switch (index) {
        case 0 -> new Shape(d, hidden);
        case 1 -> new Shape(hidden);
        case 2 -> new Shape(hidden, 1);
        default -> new Shape(1);
      };
    }
    return index == 0 ? new Shape(d, 1) : new Shape(1);
  }

  private static NDArray forward(
      List<NDArray> p, NDArray x, int hidden, double dropout, NDManager manager) {
    if (hidden > 0) {
      NDArray h = Activation.relu(x.dot(p.get(0)).add(p.get(1)));
      if (dropout > 0) {
        NDArray keep =
            manager.randomUniform(0f, 1f, h.getShape()).gt(dropout).toType(h.getDataType(), false);
        h = h.mul(keep).div(1 - dropout);
      }
      return h.dot(p.get(2)).add(p.get(3));
    }
    return x.dot(p.get(0)).add(p.get(1));
  }

  /** Mean of w * BCE(sigmoid(z), y), divided by the mean weight (numerically stable form). */
  static NDArray weightedBce(NDArray logits, NDArray targets, NDArray weights) {
    NDArray softplus = logits.abs().neg().exp().add(1).log().add(logits.maximum(0));
    NDArray perSample = softplus.sub(logits.mul(targets));
    return perSample.mul(weights).sum().div(weights.sum());
  }

  private static DenseHead toHead(
      List<float[]> params, int d, int hidden, float[] mean, float[] std) {
    // Stored as [in][out] for matmul; DenseHead wants [out][in]. Fold (x - mean) / std into layer
    // 1.
    int out1 = hidden > 0 ? hidden : 1;
    float[] w1 = params.get(0);
    float[] b1 = params.get(1).clone();
    float[] folded = new float[out1 * d];
    for (int o = 0; o < out1; o++) {
      double shift = 0;
      for (int i = 0; i < d; i++) {
        float w = w1[i * out1 + o] / std[i];
        folded[o * d + i] = w;
        shift += w * mean[i];
      }
      b1[o] -= (float) shift;
    }
    List<HeadSpec.DenseLayer> layers = new ArrayList<>();
    List<float[]> weights = new ArrayList<>();
    List<float[]> biases = new ArrayList<>();
    if (hidden > 0) {
      layers.add(new HeadSpec.DenseLayer(d, hidden, HeadSpec.Activation.RELU));
      weights.add(folded);
      biases.add(b1);
      float[] w2 = params.get(2);
      layers.add(new HeadSpec.DenseLayer(hidden, 1, HeadSpec.Activation.NONE));
      weights.add(w2.clone());
      biases.add(params.get(3).clone());
    } else {
      layers.add(new HeadSpec.DenseLayer(d, 1, HeadSpec.Activation.NONE));
      weights.add(folded);
      biases.add(b1);
    }
    return new DenseHead(layers, weights, biases);
  }

  private static void standardisation(float[][] x, float[] mean, float[] std) {
    int d = mean.length;
    double[] sum = new double[d];
    double[] sq = new double[d];
    for (float[] row : x) {
      for (int i = 0; i < d; i++) {
        sum[i] += row[i];
        sq[i] += (double) row[i] * row[i];
      }
    }
    for (int i = 0; i < d; i++) {
      double m = sum[i] / x.length;
      double v = Math.max(0, sq[i] / x.length - m * m);
      mean[i] = (float) m;
      // A floor keeps near-constant features (ReLU6 outputs that are almost always 0) from
      // exploding.
      std[i] = (float) Math.max(Math.sqrt(v), 1e-2);
    }
  }

  private static float[] flatten(float[][] x, float[] mean, float[] std) {
    int d = mean.length;
    float[] out = new float[x.length * d];
    for (int r = 0; r < x.length; r++) {
      for (int i = 0; i < d; i++) {
        out[r * d + i] = (x[r][i] - mean[i]) / std[i];
      }
    }
    return out;
  }

  private static float[] heInit(int in, int out, Random random) {
    float[] w = new float[in * out];
    double scale = Math.sqrt(2.0 / in);
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) (random.nextGaussian() * scale);
    }
    return w;
  }

  private static float[] toFloats(boolean[] y) {
    float[] f = new float[y.length];
    for (int i = 0; i < y.length; i++) {
      f[i] = y[i] ? 1 : 0;
    }
    return f;
  }

  private static float sumOf(float[] v) {
    float s = 0;
    for (float f : v) {
      s += f;
    }
    return s;
  }

  private static void shuffle(int[] a, Random random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
