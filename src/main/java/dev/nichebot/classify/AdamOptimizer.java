package dev.nichebot.classify;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam with decoupled weight decay over a fixed list of parameters, updated in place outside the
 * gradient tape. Every temporary is closed at once: the parameters live in a long-lived manager,
 * and a temporary left attached to it would stay until training ends (gigabytes over a run).
 */
final class AdamOptimizer {
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPS = 1e-8;

  private final List<NDArray> params;
  private final List<Boolean> decay;
  private final List<NDArray> m1 = new ArrayList<>();
  private final List<NDArray> m2 = new ArrayList<>();
  private final double learningRate;
  private final double weightDecay;
  private int t;

  /**
   * @param decay per parameter: whether weight decay applies (weights yes, biases no)
   */
  AdamOptimizer(
      List<NDArray> params,
      List<Boolean> decay,
      NDManager manager,
      double learningRate,
      double weightDecay) {
    this.params = List.copyOf(params);
    this.decay = List.copyOf(decay);
    this.learningRate = learningRate;
    this.weightDecay = weightDecay;
    for (NDArray p : params) {
      m1.add(manager.zeros(p.getShape(), p.getDataType()));
      m2.add(manager.zeros(p.getShape(), p.getDataType()));
    }
  }

  /** Applies one update from the gradients the last backward pass left, then clears them. */
  void step() {
    // Autograd is a per-thread switch in libtorch, and DJL turns it off only on the thread that
    // started the engine. With it on, the in-place updates below are refused ("a leaf Variable
    // that requires grad is being used in an in-place operation"), so it is off for the update,
    // whichever thread trains.
    boolean gradMode = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    try {
      update();
    } finally {
      JniUtils.setGradMode(gradMode);
    }
  }

  private void update() {
    t++;
    double c1 = 1 - Math.pow(BETA1, t);
    double c2 = 1 - Math.pow(BETA2, t);
    for (int i = 0; i < params.size(); i++) {
      NDArray p = params.get(i);
      try (NDArray g = p.getGradient();
          NDArray gScaled = g.mul(1 - BETA1);
          NDArray g2 = g.square();
          NDArray g2Scaled = g2.mul(1 - BETA2)) {
        m1.get(i).muli(BETA1).addi(gScaled);
        m2.get(i).muli(BETA2).addi(g2Scaled);
        try (NDArray mHat = m1.get(i).div(c1);
            NDArray vHat = m2.get(i).div(c2);
            NDArray root = vHat.sqrt();
            NDArray denominator = root.add(EPS);
            NDArray ratio = mHat.div(denominator);
            NDArray update = ratio.mul(learningRate)) {
          p.subi(update);
        }
        if (weightDecay > 0 && decay.get(i)) {
          try (NDArray shrink = p.mul(learningRate * weightDecay)) {
            p.subi(shrink);
          }
        }
        g.subi(g);
      }
    }
  }
}
