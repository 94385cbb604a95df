package dev.gradex.model.objective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.gradex.model.ModelRuntime;
import org.junit.jupiter.api.Test;

class ObjectivesTest {
  @Test
  void logitOddsEqualLogPOverOneMinusPAndStayFiniteWhenPIsNearOne() {
    try (NDManager m = ModelRuntime.newManager(Device.cpu())) {
      // Slot 0: ordinary logits; slot 1: the gold logit 40 above the rest (p = 1 - 2e-18).
      NDArray z = m.create(new float[] {1f, 2f, 0.5f, 40f, 0f, 0f}).reshape(1, 2, 3);
      NDArray y = m.create(new long[] {1, 0}).reshape(1, 2);
      float[] u = Objectives.logitOdds(z, y).toFloatArray();
      double p = Math.exp(2) / (Math.exp(1) + Math.exp(2) + Math.exp(0.5));
      assertThat((double) u[0]).isCloseTo(Math.log(p / (1 - p)), within(1e-5));
      // log(p / (1 - p)) = 40 - log 2 = 39.31, clamped to 30.
      assertThat(u[1]).isEqualTo(30f);
      float[] ce = Objectives.tokenLoss(z, y).toFloatArray();
      assertThat((double) ce[0]).isCloseTo(-Math.log(p), within(1e-5));
      // sigma(u) = p: the cross-entropy equals the logistic loss log(1 + e^{-u}).
      assertThat((double) ce[0]).isCloseTo(Math.log1p(Math.exp(-u[0])), within(1e-5));
    }
  }

  @Test
  void logitOddsOfAVeryUnlikelyGoldTokenAreClampedAtMinus30() {
    try (NDManager m = ModelRuntime.newManager(Device.cpu())) {
      NDArray z = m.create(new float[] {-50f, 0f, 0f}).reshape(1, 1, 3);
      NDArray y = m.create(new long[] {0}).reshape(1, 1);
      assertThat(Objectives.logitOdds(z, y).toFloatArray()[0]).isEqualTo(-30f);
    }
  }
}
