package dev.gradex.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gradex.core.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnsembleScoresTest {
  private static final List<int[]> SUBSETS =
      List.of(new int[] {0, 1}, new int[] {1, 2}, new int[] {0, 2}, new int[] {0, 1, 2});
  private static final double[] LOSSES = {1.0, 2.0, 4.0, 0.5};

  @Test
  void scoreIsMeanLossOfSubsetsContainingTheTask() {
    EnsembleScores s = EnsembleScores.compute(SUBSETS, LOSSES, 4);
    assertThat(s.score(0)).isCloseTo((1.0 + 4.0 + 0.5) / 3, within(1e-15));
    assertThat(s.score(1)).isCloseTo((1.0 + 2.0 + 0.5) / 3, within(1e-15));
    assertThat(s.score(2)).isCloseTo((2.0 + 4.0 + 0.5) / 3, within(1e-15));
    assertThat(s.counts()).containsExactly(3, 3, 3, 0);
    assertThat(s.taskCount()).isEqualTo(4);
    assertThat(s.count(1)).isEqualTo(3);
    assertThat(s.scores()).hasSize(4).startsWith(s.score(0), s.score(1), s.score(2));
  }

  @Test
  void neverSampledTaskHasCountZeroNaNScoreAndIsLeftOutOfTheRanking() {
    EnsembleScores s = EnsembleScores.compute(SUBSETS, LOSSES, 4);
    assertThat(s.count(3)).isZero();
    assertThat(s.score(3)).isNaN();
    assertThat(s.unsampled()).containsExactly(3);
    assertThat(s.ranking().tasks()).containsExactly(1, 0, 2);
  }

  @Test
  void equalScoresAreRankedByTaskIndex() {
    EnsembleScores s =
        EnsembleScores.compute(List.of(new int[] {2}, new int[] {0}), new double[] {1, 1}, 3);
    assertThat(s.ranking().tasks()).containsExactly(0, 2);
  }

  @Test
  void nonFiniteLossIsRejectedNamingTheSubset() {
    assertThatThrownBy(() -> EnsembleScores.compute(SUBSETS, new double[] {1, Double.NaN, 1, 1}, 4))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("subset 1 has loss NaN");
  }

  @Test
  void taskOutsideTheRangeIsRejected() {
    assertThatThrownBy(() -> EnsembleScores.compute(SUBSETS, LOSSES, 2))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("task 2 outside [0, 2)");
  }
}
