package dev.nichebot.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The loss weights for 1 signal image among 5 (r = 4 noise images per signal image). */
class ClassWeightsTest {
  private static final boolean[] ONE_IN_FIVE = {true, false, false, false, false};

  @Test
  void balancedGivesEachClassHalfTheLoss() {
    float[] w = ClassWeights.BALANCED.of(ONE_IN_FIVE);
    assertThat(w[0]).isCloseTo(2.5f, within(1e-6f));
    assertThat(w[1]).isCloseTo(0.625f, within(1e-6f));
    assertThat(w[0]).isCloseTo(4 * w[1], within(1e-6f));
  }

  @Test
  void sqrtCountsASignalImageTheSquareRootOfTheImbalance() {
    float[] w = ClassWeights.SQRT.of(ONE_IN_FIVE);
    assertThat(w[0] / w[1]).isCloseTo(2f, within(1e-6f));
    assertThat(w[0] + 4 * w[1]).as("weights average 1").isCloseTo(5f, within(1e-5f));
  }

  @Test
  void noneAndSingleClassDataWeighEveryImageTheSame() {
    assertThat(ClassWeights.NONE.of(ONE_IN_FIVE)).containsOnly(1f);
    assertThat(ClassWeights.BALANCED.of(new boolean[] {false, false})).containsOnly(1f);
  }
}
