package dev.nichebot.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Metrics on examples small enough to compute by hand (worked out in the comments). */
class BinaryMetricsTest {
  // Sorted by score: T T F T F F T F  (4 signal, 4 noise)
  private static final double[] SCORES = {0.9, 0.8, 0.7, 0.6, 0.55, 0.4, 0.3, 0.2};
  private static final boolean[] SIGNAL = {true, true, false, true, false, false, true, false};

  @Test
  void figuresAtOneThreshold() {
    BinaryMetrics m = BinaryMetrics.of(SCORES, SIGNAL, 0.5);
    // >= 0.5: 0.9 0.8 0.7 0.6 0.55 -> TP 3, FP 2; below: 0.4 0.3 0.2 -> TN 2, FN 1
    assertThat(m.confusion()).isEqualTo(new BinaryMetrics.Confusion(3, 2, 2, 1));
    assertThat(m.precision()).isCloseTo(0.6, within(1e-12));
    assertThat(m.recall()).isCloseTo(0.75, within(1e-12));
    assertThat(m.f1()).isCloseTo(2 * 0.6 * 0.75 / 1.35, within(1e-12));
    // specificity 2/4 -> (0.75 + 0.5) / 2
    assertThat(m.balancedAccuracy()).isCloseTo(0.625, within(1e-12));
    assertThat(m.baseRate()).isCloseTo(0.5, within(1e-12));
    assertThat(m.lift()).isCloseTo(1.2, within(1e-12));
  }

  @Test
  void rocAucCountsOrderedPairs() {
    // signal beats noise in 4 + 4 + 3 + 1 = 12 of 16 pairs
    assertThat(BinaryMetrics.rocAuc(SCORES, SIGNAL)).isCloseTo(0.75, within(1e-12));
    assertThat(BinaryMetrics.rocAuc(new double[] {0.5, 0.5}, new boolean[] {true, false}))
        .isCloseTo(0.5, within(1e-12));
  }

  @Test
  void averagePrecisionAveragesPrecisionAtEachSignal() {
    // precision when each signal enters: 1/1, 2/2, 3/4, 4/7
    double expected = (1 + 1 + 0.75 + 4.0 / 7) / 4;
    assertThat(BinaryMetrics.averagePrecision(SCORES, SIGNAL)).isCloseTo(expected, within(1e-12));
  }

  @Test
  void tiesEnterTheCurveTogether() {
    double[] scores = {0.9, 0.5, 0.5, 0.1};
    boolean[] signal = {true, true, false, false};
    assertThat(BinaryMetrics.curve(scores, signal))
        .containsExactly(
            new BinaryMetrics.Point(0.9, 1.0, 0.5),
            new BinaryMetrics.Point(0.5, 2.0 / 3, 1.0),
            new BinaryMetrics.Point(0.1, 0.5, 1.0));
  }

  @Test
  void thresholdsForATargetRecallOrPrecision() {
    assertThat(BinaryMetrics.thresholdForRecall(SCORES, SIGNAL, 0.75)).isEqualTo(0.6);
    assertThat(BinaryMetrics.thresholdForRecall(SCORES, SIGNAL, 0.8)).isEqualTo(0.3);
    assertThat(BinaryMetrics.thresholdForPrecision(SCORES, SIGNAL, 0.7)).isEqualTo(0.6);
    assertThat(BinaryMetrics.thresholdForPrecision(SCORES, SIGNAL, 0.8)).isEqualTo(0.8);
    // 0.5 is reached everywhere: the lowest threshold keeps all the recall
    assertThat(BinaryMetrics.thresholdForPrecision(SCORES, SIGNAL, 0.5)).isEqualTo(0.2);
  }
}
