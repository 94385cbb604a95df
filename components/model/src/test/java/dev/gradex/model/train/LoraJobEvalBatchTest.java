package dev.gradex.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.model.data.SequenceLimit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Evaluation follows {@code evalBatchSize}, or the training batch size when it is 0 (issue 17): no
 * hard-coded 32 or max(16, b).
 */
class LoraJobEvalBatchTest {
  @Test
  void evaluationBatchesAreTheTrainingBatchSizeBothBelow16AndAbove32() {
    assertThat(LoraJob.evalBatchSize(settings(2, 0))).isEqualTo(2);
    assertThat(LoraJob.evalBatchSize(settings(48, 0))).isEqualTo(48);
  }

  @Test
  void aGivenEvalBatchSizeIsUsedBelowOrAboveTheTrainingOne() {
    assertThat(LoraJob.evalBatchSize(settings(16, 4))).isEqualTo(4);
    assertThat(LoraJob.evalBatchSize(settings(2, 64))).isEqualTo(64);
    assertThat(LoraJob.evalBatchSize(settings(16, 4).withMaxSteps(10))).isEqualTo(4);
  }

  @Test
  void aNegativeEvalBatchSizeIsRefusedNamingIt() {
    assertThatThrownBy(() -> settings(16, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("evalBatchSize must be >= 0 (0 = batchSize; got -1)");
  }

  private static LoraJob.Settings settings(int batchSize, int evalBatchSize) {
    return new LoraJob.Settings(
        1, 1e-3, batchSize, 2, 4, List.of(), SequenceLimit.MODEL, 3, 0, null, evalBatchSize);
  }
}
