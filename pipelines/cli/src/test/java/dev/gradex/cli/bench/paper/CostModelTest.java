package dev.gradex.cli.bench.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CostModelTest {
  @Test
  void gradexScalesTheEstimateToMAndRealSelectionIsMFineTunes() {
    // 60 meta-train + 10 gradients + 2 s for 100 subsets scaled to 1000 (20) + 10 final = 100 s;
    // real selection 1000 x 5 s = 5000 s; greedy over 20 sources 20 * 21 / 2 = 210 x 5 = 1050 s
    CostModel c = CostModel.of(60, 10, 2, 100, 1000, 10, 5, 4, 20);
    assertThat(c.gradexSeconds()).isCloseTo(100, within(1e-9));
    assertThat(c.realSelectionSeconds()).isCloseTo(5000, within(1e-9));
    assertThat(c.speedup()).isCloseTo(50, within(1e-9));
    assertThat(c.greedySeconds()).isCloseTo(1050, within(1e-9));
    assertThat(c.greedySpeedup()).isCloseTo(10.5, within(1e-9));
    assertThat(c.timedFineTunes()).isEqualTo(4);
  }

  @Test
  void anEstimateOverMSubsetsIsNotScaled() {
    CostModel c = CostModel.of(1, 1, 3, 1000, 1000, 1, 0.5, 2, 3);
    assertThat(c.gradexSeconds()).isCloseTo(6, within(1e-9));
    assertThat(c.greedySeconds()).isCloseTo(3, within(1e-9)); // 3 * 4 / 2 = 6 fine-tunes of 0.5 s
  }
}
