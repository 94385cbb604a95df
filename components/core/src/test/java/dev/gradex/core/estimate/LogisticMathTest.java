package dev.gradex.core.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LogisticMathTest {
  @Test
  void logLossAndSigmoidStayFiniteAndExactFarOutInBothTails() {
    // Each branch alone would overflow exp() in the other tail.
    assertThat(LogisticMath.logLoss(800)).isZero();
    assertThat(LogisticMath.logLoss(-800)).isEqualTo(800);
    assertThat(LogisticMath.logLoss(40)).isCloseTo(Math.exp(-40), within(1e-30));
    assertThat(LogisticMath.logLoss(0)).isEqualTo(Math.log(2));
    assertThat(LogisticMath.sigmoid(800)).isEqualTo(1);
    assertThat(LogisticMath.sigmoid(-800)).isZero();
    assertThat(LogisticMath.sigmoid(-40)).isCloseTo(Math.exp(-40), within(1e-30));
    assertThat(LogisticMath.sigmoid(0)).isEqualTo(0.5);
  }

  @Test
  void dotProductsMatchAPlainLoopForEveryRemainderOfTheUnrolling() {
    Random random = new Random(3);
    for (int n = 0; n <= 17; n++) {
      float[] x = new float[n + 3];
      double[] a = new double[n + 2];
      double[] w = new double[n];
      for (int j = 0; j < x.length; j++) {
        x[j] = (float) random.nextGaussian();
      }
      for (int j = 0; j < a.length; j++) {
        a[j] = random.nextGaussian();
      }
      for (int j = 0; j < n; j++) {
        w[j] = random.nextGaussian();
      }
      double expectedFloat = 0;
      double expectedDouble = 0;
      for (int j = 0; j < n; j++) {
        expectedFloat += x[3 + j] * w[j];
        expectedDouble += a[2 + j] * w[j];
      }
      assertThat(LogisticMath.dot(x, 3, w, n))
          .as("n=%d", n)
          .isCloseTo(expectedFloat, within(1e-12));
      assertThat(LogisticMath.dot(a, 2, w, 0, n))
          .as("n=%d", n)
          .isCloseTo(expectedDouble, within(1e-12));
    }
  }

  @Test
  void axpyAddsTheScaledSliceAndNormIsEuclidean() {
    double[] y = {1, 2, 3};
    LogisticMath.axpy(2, new float[] {9, 1, 0, -1}, 1, y, 3);
    assertThat(y).containsExactly(3, 2, 1);
    assertThat(LogisticMath.norm(new double[] {3, 4})).isEqualTo(5);
  }
}
