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
  void nonPositivePenaltyIsRejectedNamingTheOption() {
    assertThatThrownBy(() -> RidgeSurrogate.withPenalty(0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("--ridge-penalty");
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
