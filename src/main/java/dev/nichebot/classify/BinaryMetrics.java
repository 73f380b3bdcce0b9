package dev.nichebot.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Evaluation of scores against labels (signal = positive), with the threshold-free summaries
 * (ROC-AUC, PR-AUC) and the figures at one threshold.
 *
 * <p>Review lift is what the reviewers feel: precision divided by the base rate of signal, i.e. how
 * many times more signal they see per reviewed image than without the classifier.
 */
public record BinaryMetrics(
    int count,
    int positives,
    double threshold,
    Confusion confusion,
    double precision,
    double recall,
    double f1,
    double balancedAccuracy,
    double rocAuc,
    double prAuc,
    double baseRate,
    double lift) {

  /** Counts at one threshold: a score at or above it is predicted signal. */
  public record Confusion(
      long truePositives, long falsePositives, long trueNegatives, long falseNegatives) {}

  /** One point of the precision-recall curve: predicting signal for every score >= threshold. */
  public record Point(double threshold, double precision, double recall) {}

  public static BinaryMetrics of(double[] scores, boolean[] signal, double threshold) {
    check(scores, signal);
    long tp = 0;
    long fp = 0;
    long tn = 0;
    long fn = 0;
    for (int i = 0; i < scores.length; i++) {
      boolean predicted = scores[i] >= threshold;
      if (signal[i]) {
        if (predicted) {
          tp++;
        } else {
          fn++;
        }
      } else if (predicted) {
        fp++;
      } else {
        tn++;
      }
    }
    int positives = (int) (tp + fn);
    double precision = tp + fp == 0 ? Double.NaN : (double) tp / (tp + fp);
    double recall = positives == 0 ? Double.NaN : (double) tp / positives;
    double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : Double.NaN;
    double specificity = tn + fp == 0 ? Double.NaN : (double) tn / (tn + fp);
    double baseRate = (double) positives / scores.length;
    return new BinaryMetrics(
        scores.length,
        positives,
        threshold,
        new Confusion(tp, fp, tn, fn),
        precision,
        recall,
        f1,
        (recall + specificity) / 2,
        rocAuc(scores, signal),
        averagePrecision(scores, signal),
        baseRate,
        precision / baseRate);
  }

  /**
   * ROC-AUC: the probability that a random signal image scores above a random noise image (ties
   * count half), computed from ranks.
   */
  public static double rocAuc(double[] scores, boolean[] signal) {
    check(scores, signal);
    Integer[] order = sortedAscending(scores);
    double rankSumPositives = 0;
    long positives = 0;
    int i = 0;
    while (i < order.length) {
      int j = i;
      while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
        j++;
      }
      double averageRank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        if (signal[order[k]]) {
          rankSumPositives += averageRank;
          positives++;
        }
      }
      i = j + 1;
    }
    long negatives = scores.length - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    return (rankSumPositives - positives * (positives + 1) / 2.0)
        / ((double) positives * negatives);
  }

  /**
   * PR-AUC as average precision: the mean, over signal images, of the precision at the threshold
   * that first includes them (images with equal scores enter together).
   */
  public static double averagePrecision(double[] scores, boolean[] signal) {
    List<Point> curve = curve(scores, signal);
    double ap = 0;
    double previousRecall = 0;
    for (Point p : curve) {
      ap += (p.recall() - previousRecall) * p.precision();
      previousRecall = p.recall();
    }
    return curve.isEmpty() ? Double.NaN : ap;
  }

  /** The precision-recall curve, one point per distinct score, from the highest score down. */
  public static List<Point> curve(double[] scores, boolean[] signal) {
    check(scores, signal);
    long positives = 0;
    for (boolean s : signal) {
      if (s) {
        positives++;
      }
    }
    List<Point> points = new ArrayList<>();
    if (positives == 0) {
      return points;
    }
    Integer[] order = sortedAscending(scores);
    long tp = 0;
    long fp = 0;
    int i = order.length - 1;
    while (i >= 0) {
      double t = scores[order[i]];
      while (i >= 0 && scores[order[i]] == t) {
        if (signal[order[i]]) {
          tp++;
        } else {
          fp++;
        }
        i--;
      }
      points.add(new Point(t, (double) tp / (tp + fp), (double) tp / positives));
    }
    return points;
  }

  /**
   * The highest threshold whose recall reaches {@code target}: the fewest images to review while
   * still catching that share of the signal.
   */
  public static double thresholdForRecall(double[] scores, boolean[] signal, double target) {
    for (Point p : curve(scores, signal)) {
      if (p.recall() >= target - 1e-12) {
        return p.threshold();
      }
    }
    throw new IllegalArgumentException("no signal among the scores");
  }

  /**
   * The lowest threshold whose precision still reaches {@code target} (the most recall at that
   * precision); if no threshold reaches it, the threshold of the best precision.
   */
  public static double thresholdForPrecision(double[] scores, boolean[] signal, double target) {
    List<Point> curve = curve(scores, signal);
    if (curve.isEmpty()) {
      throw new IllegalArgumentException("no signal among the scores");
    }
    Point best = null;
    for (Point p : curve) {
      if (p.precision() >= target - 1e-12) {
        best = p;
      }
    }
    if (best == null) {
      best = curve.stream().max(Comparator.comparingDouble(Point::precision)).orElseThrow();
    }
    return best.threshold();
  }

  private static Integer[] sortedAscending(double[] scores) {
    Integer[] order = new Integer[scores.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
    return order;
  }

  private static void check(double[] scores, boolean[] signal) {
    if (scores.length != signal.length) {
      throw new IllegalArgumentException("one label per score");
    }
    if (scores.length == 0) {
      throw new IllegalArgumentException("no scores");
    }
    for (double s : scores) {
      if (Double.isNaN(s)) {
        throw new IllegalArgumentException("a score is NaN");
      }
    }
  }
}
