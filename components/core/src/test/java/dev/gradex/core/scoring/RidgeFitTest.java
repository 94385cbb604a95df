package dev.gradex.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RidgeFitTest {
  private static RidgeFit fit(double intercept, double c1, int count1, double r2, int subsets) {
    return new RidgeFit(intercept, new double[] {-0.5, c1}, new int[] {3, count1}, r2, subsets);
  }

  @Test
  void fitsAreEqualByContentAndDifferInEveryField() {
    RidgeFit a = fit(1.0, 0.25, 2, 0.9, 4);
    RidgeFit same = fit(1.0, 0.25, 2, 0.9, 4);
    assertThat(a).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo("not a fit");
    assertThat(a)
        .isNotEqualTo(fit(1.5, 0.25, 2, 0.9, 4))
        .isNotEqualTo(fit(1.0, 0.75, 2, 0.9, 4))
        .isNotEqualTo(fit(1.0, 0.25, 1, 0.9, 4))
        .isNotEqualTo(fit(1.0, 0.25, 2, 0.8, 4))
        .isNotEqualTo(fit(1.0, 0.25, 2, 0.9, 5));
    assertThat(a.hashCode()).isNotEqualTo(fit(1.0, 0.75, 2, 0.9, 4).hashCode());
    assertThat(a)
        .hasToString("RidgeFit[intercept=1.0, coefficients=[-0.5, 0.25], rSquared=0.9, subsets=4]");
  }
}
