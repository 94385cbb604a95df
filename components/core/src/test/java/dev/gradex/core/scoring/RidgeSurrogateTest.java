package dev.gradex.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gradex.core.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RidgeSurrogateTest {
  // Sums to zero, so it is the mean-relative solution the ridge picks for fixed-size subsets.
  private static final double[] EFFECTS = {
    -0.20, 0.15, -0.05, 0.30, -0.12, 0.00, 0.08, -0.25, 0.10, -0.01
  };

  @Test
  void fixedSizeSubsetsRecoverPlantedEffectsWithinOneHundredth() {
    Random random = new Random(42);
    List<int[]> subsets = new ArrayList<>();
    double[] losses = new double[300];
    for (int j = 0; j < 300; j++) {
      int[] s = randomSubset(random, EFFECTS.length, 5);
      subsets.add(s);
      losses[j] = 1.0 + sum(s) + 0.005 * random.nextGaussian();
    }
    RidgeFit fit = RidgeSurrogate.withDefaultPenalty().fit(subsets, losses, EFFECTS.length);

    for (int t = 0; t < EFFECTS.length; t++) {
      assertThat(fit.coefficient(t)).as("task %d", t).isCloseTo(EFFECTS[t], within(0.01));
    }
    assertThat(fit.intercept()).isCloseTo(1.0, within(0.01));
    assertThat(fit.rSquared()).isGreaterThan(0.99).isLessThanOrEqualTo(1.0);
    assertThat(fit.ranking().tasks()).startsWith(7, 0, 4).endsWith(1, 3);
  }

  @Test
  void fixedSizeSubsetsGiveCoefficientsRelativeToTheirMean() {
    double[] shifted = Arrays.stream(EFFECTS).map(e -> e + 0.5).toArray();
    Random random = new Random(1);
    List<int[]> subsets = new ArrayList<>();
    double[] losses = new double[300];
    for (int j = 0; j < 300; j++) {
      int[] s = randomSubset(random, EFFECTS.length, 5);
      subsets.add(s);
      losses[j] = 1.0 + Arrays.stream(s).mapToDouble(t -> shifted[t]).sum();
    }
    RidgeFit fit = RidgeSurrogate.withDefaultPenalty().fit(subsets, losses, EFFECTS.length);

    for (int t = 0; t < EFFECTS.length; t++) {
      assertThat(fit.coefficient(t)).isCloseTo(EFFECTS[t], within(1e-4));
    }
    assertThat(fit.predict(new int[] {0, 1, 2, 3, 4}))
        .isCloseTo(1.0 + 0.08 + 5 * 0.5, within(1e-4));
  }

  @Test
  void variableSizeSubsetsRecoverAbsoluteEffectsAndIntercept() {
    double[] effects = {0.4, -0.3, 0.2, -0.1, 0.25, 0.05};
    Random random = new Random(3);
    List<int[]> subsets = new ArrayList<>();
    double[] losses = new double[300];
    for (int j = 0; j < 300; j++) {
      int[] s = randomSubset(random, effects.length, 1 + random.nextInt(effects.length));
      subsets.add(s);
      losses[j] = 2.0 + Arrays.stream(s).mapToDouble(t -> effects[t]).sum();
    }
    RidgeFit fit = RidgeSurrogate.withPenalty(1e-6).fit(subsets, losses, effects.length);

    assertThat(fit.coefficients()).containsExactly(effects, within(1e-6));
    assertThat(fit.intercept()).isCloseTo(2.0, within(1e-6));
    assertThat(fit.rSquared()).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void neverSampledTaskGetsCoefficientZeroAndIsLeftOutOfTheRanking() {
    List<int[]> subsets = List.of(new int[] {0}, new int[] {1}, new int[] {0, 1});
    RidgeFit fit = RidgeSurrogate.withDefaultPenalty().fit(subsets, new double[] {1, 2, 2.5}, 3);
    assertThat(fit.coefficient(2)).isZero();
    assertThat(fit.counts()).containsExactly(2, 2, 0);
    assertThat(fit.unsampled()).containsExactly(2);
    assertThat(fit.ranking().tasks()).containsExactly(0, 1);
  }

  @Test
  void coefficientsEqualTheRidgeSolutionWithUnpenalisedIntercept() {
    // Variable-size subsets and a penalty of the same order as X^T X, so the penalty shapes beta.
    List<int[]> subsets =
        List.of(
            new int[] {0},
            new int[] {1, 2},
            new int[] {0, 2},
            new int[] {0, 1, 2},
            new int[] {1},
            new int[] {2},
            new int[] {0, 1});
    double[] losses = {1.30, 0.85, 1.10, 0.95, 0.70, 1.25, 0.90};
    double penalty = 0.8;
    RidgeSurrogate ridge = RidgeSurrogate.withPenalty(penalty);
    RidgeFit fit = ridge.fit(subsets, losses, 3);

    double[] expected = augmentedRidge(subsets, losses, 3, penalty);
    assertThat(fit.intercept()).isCloseTo(expected[0], within(1e-12));
    assertThat(fit.coefficients())
        .containsExactly(Arrays.copyOfRange(expected, 1, 4), within(1e-12));
    double ssRes = 0;
    double ssTot = 0;
    double mean = Arrays.stream(losses).average().orElseThrow();
    for (int j = 0; j < losses.length; j++) {
      double pred =
          expected[0] + Arrays.stream(subsets.get(j)).mapToDouble(t -> expected[t + 1]).sum();
      ssRes += Math.pow(losses[j] - pred, 2);
      ssTot += Math.pow(losses[j] - mean, 2);
    }
    assertThat(fit.rSquared()).isCloseTo(1 - ssRes / ssTot, within(1e-12)).isBetween(0.0, 0.99);
    assertThat(ridge.penalty()).isEqualTo(penalty);
    // Doubling the penalty must move beta well beyond the tolerance.
    double[] doubled = augmentedRidge(subsets, losses, 3, 2 * penalty);
    assertThat(Math.abs(doubled[1] - expected[1])).isGreaterThan(1e-2);
  }

  /**
   * [a, beta] minimising ||y - a - X beta||^2 + penalty ||beta||^2, from the normal equations of
   * the design [1 X] with the penalty on every column but the intercept's (no centring).
   */
  private static double[] augmentedRidge(List<int[]> subsets, double[] y, int n, double penalty) {
    int p = n + 1;
    double[][] m = new double[p][p + 1];
    for (int j = 0; j < y.length; j++) {
      double[] row = new double[p];
      row[0] = 1;
      for (int t : subsets.get(j)) {
        row[t + 1] = 1;
      }
      for (int a = 0; a < p; a++) {
        for (int b = 0; b < p; b++) {
          m[a][b] += row[a] * row[b];
        }
        m[a][p] += row[a] * y[j];
      }
    }
    for (int a = 1; a < p; a++) {
      m[a][a] += penalty;
    }
    // Gauss-Jordan; the matrix is positive definite, so no pivoting is needed.
    for (int c = 0; c < p; c++) {
      for (int r = 0; r < p; r++) {
        if (r != c) {
          double f = m[r][c] / m[c][c];
          for (int k = c; k <= p; k++) {
            m[r][k] -= f * m[c][k];
          }
        }
      }
    }
    double[] out = new double[p];
    for (int a = 0; a < p; a++) {
      out[a] = m[a][p] / m[a][a];
    }
    return out;
  }

  @Test
  void subsetNamingAnUnknownTaskIsRejectedBeforeFitting() {
    RidgeSurrogate ridge = RidgeSurrogate.withDefaultPenalty();
    assertThatThrownBy(() -> ridge.fit(List.of(new int[] {0, 3}), new double[] {1}, 3))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("task 3 outside [0, 3)");
  }

  @Test
  void singleTaskFitsItsEffect() {
    List<int[]> subsets = List.of(new int[] {0}, new int[0], new int[] {0});
    RidgeFit fit = RidgeSurrogate.withPenalty(1e-9).fit(subsets, new double[] {1.5, 1.0, 1.5}, 1);
    assertThat(fit.coefficient(0)).isCloseTo(0.5, within(1e-6));
    assertThat(fit.intercept()).isCloseTo(1.0, within(1e-6));
  }

  @Test
  void nonPositivePenaltyIsRejectedNamingTheOption() {
    assertThatThrownBy(() -> RidgeSurrogate.withPenalty(0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("ridgePenalty");
  }

  private double sum(int[] s) {
    return Arrays.stream(s).mapToDouble(t -> EFFECTS[t]).sum();
  }

  private static int[] randomSubset(Random random, int n, int k) {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(i);
    }
    java.util.Collections.shuffle(all, random);
    return all.subList(0, k).stream().mapToInt(Integer::intValue).sorted().toArray();
  }
}
