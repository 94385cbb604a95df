package dev.gradex.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.model.data.SequenceLimit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Evaluation follows the training batch size (issue 17): no hard-coded 32 or max(16, b). */
class LoraJobEvalBatchTest {
  @Test
  void evaluationBatchesAreTheTrainingBatchSizeBothBelow16AndAbove32() {
    assertThat(LoraJob.evalBatchSize(settings(2))).isEqualTo(2);
    assertThat(LoraJob.evalBatchSize(settings(48))).isEqualTo(48);
  }

  private static LoraJob.Settings settings(int batchSize) {
    return new LoraJob.Settings(1, 1e-3, batchSize, 2, 4, List.of(), SequenceLimit.MODEL, 3);
  }
}
