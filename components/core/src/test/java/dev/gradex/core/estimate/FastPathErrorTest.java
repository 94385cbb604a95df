package dev.gradex.core.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class FastPathErrorTest {
  private static SubsetEstimate estimate(double loss, double scale, double... w) {
    return new SubsetEstimate(w, loss, 0, 0, true, Double.NaN, scale, Double.NaN);
  }

  @Test
  void errorsAreRelativeToTheScaledExactUpdateOrAbsoluteWhenItIsZero() {
    List<SubsetEstimate> exact =
        List.of(estimate(1.0, 1, 3, 4), estimate(2.0, 0.5, 0, 0), estimate(0.5, 2, 1, 0));
    List<SubsetEstimate> fast =
        List.of(estimate(1.5, 1, 3, 5), estimate(2.25, 1, 0, 2), estimate(0.5, 1, 2, 0));
    FastPathError e = FastPathError.between(fast, exact);

    // ||(3,5) - (3,4)|| / 5 = 0.2; exact update 0, so ||(0,2)|| = 2 absolute; (2,0) vs 2*(1,0): 0.
    assertThat(e.subsets()).isEqualTo(3);
    assertThat(e.maxRelativeUpdateError()).isCloseTo(2, within(1e-15));
    assertThat(e.meanRelativeUpdateError()).isCloseTo((0.2 + 2 + 0) / 3, within(1e-15));
    assertThat(e.maxLossError()).isCloseTo(0.5, within(1e-15));
    assertThat(e.meanLossError()).isCloseTo((0.5 + 0.25 + 0) / 3, within(1e-15));
  }

  @Test
  void noSubsetsGiveZeroErrors() {
    assertThat(FastPathError.between(List.of(), List.of()))
        .isEqualTo(new FastPathError(0, 0, 0, 0, 0));
  }
}
