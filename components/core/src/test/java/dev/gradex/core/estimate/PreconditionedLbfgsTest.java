package dev.gradex.core.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PreconditionedLbfgsTest {
  /** f(x) = sum_j sqrt(1 + x_j^2) + x_j^2 / 200: nearly linear far out, minimum 2 at x = 0. */
  private static double pseudoHuber(double[] x, double[] grad) {
    double f = 0;
    for (int j = 0; j < x.length; j++) {
      double r = Math.sqrt(1 + x[j] * x[j]);
      f += r + x[j] * x[j] / 200;
      grad[j] = x[j] / r + x[j] / 100;
    }
    return f;
  }

  @Test
  void backtrackingRescuesAPreconditionerThatOvershootsByOrdersOfMagnitude() {
    // The factor claims curvature 1e-4 where the true curvature is ~0.01 to 1: every unit step
    // overshoots, so each iteration must backtrack (quadratic interpolation, Armijo) to descend.
    double[] x = {8, -3};
    double[] g = new double[2];
    double f = pseudoHuber(x, g);
    double[] cholesky = {0.01, 0, 0.01};
    int[] refreshes = {0};
    PreconditionedLbfgs.Outcome o =
        new PreconditionedLbfgs(2, 5)
            .minimise(
                PreconditionedLbfgsTest::pseudoHuber,
                x,
                f,
                g,
                cholesky,
                1e-10,
                200,
                (iterations, factor) -> refreshes[0]++);

    assertThat(o.converged()).isTrue();
    assertThat(o.value()).isCloseTo(2, within(1e-12));
    assertThat(x).containsExactly(new double[] {0, 0}, within(1e-9));
    assertThat(o.gradientNorm()).isLessThanOrEqualTo(1e-10);
    assertThat(o.iterations()).isBetween(2, 40);
    // Refreshed after every accepted step but the last (which met the tolerance).
    assertThat(refreshes[0]).isEqualTo(o.iterations() - 1);
  }

  @Test
  void directionWithoutDescentStopsWithoutAStep() {
    // A broken factor (NaN) leaves no descent slope: the line search refuses and nothing moves.
    double[] x = {1};
    double[] g = {1};
    PreconditionedLbfgs.Outcome o =
        new PreconditionedLbfgs(1, 3)
            .minimise(
                (v, grad) -> Double.NaN,
                x,
                5,
                g,
                new double[] {Double.NaN},
                1e-9,
                10,
                (i, c) -> {});
    assertThat(o.iterations()).isZero();
    assertThat(o.converged()).isFalse();
    assertThat(o.value()).isEqualTo(5);
    assertThat(x).containsExactly(1);
  }
}
