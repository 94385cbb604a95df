package dev.gradex.core.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.core.InvalidInputException;
import dev.gradex.core.store.ExampleBlock;
import org.junit.jupiter.api.Test;

class ValidationLossTest {
  @Test
  void noValidationExamplesGiveNaNEvenWhenTokenWeighted() {
    ExampleBlock empty = new ExampleBlock(0, 2, new float[0], new float[0], new int[0]);
    assertThat(new ValidationLoss(empty, true).atZero()).isNaN();
    assertThat(new ValidationLoss(empty, false).atZero()).isNaN();
  }

  @Test
  void tokenWeightingWithoutAnyTargetTokenIsRejected() {
    ExampleBlock noTokens =
        new ExampleBlock(2, 1, new float[] {1, 2}, new float[] {0, 0}, new int[] {0, 0});
    assertThatThrownBy(() -> new ValidationLoss(noTokens, true))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("tokenWeighted");
  }

  @Test
  void tokenWeightsSkipRowsWithoutTokens() {
    // Row 0 has no token: only row 1 (offset 0, so log 2 at w = 0) counts.
    ExampleBlock block =
        new ExampleBlock(2, 1, new float[] {1, 2}, new float[] {-5, 0}, new int[] {0, 3});
    assertThat(new ValidationLoss(block, true).atZero()).isEqualTo(Math.log(2));
  }
}
