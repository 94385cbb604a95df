package dev.gradex.model.arch;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.ModelRuntime;
import dev.gradex.model.config.LlamaConfig;
import dev.gradex.model.lora.LoraConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The forward pass without autograd runs each layer in a scope of its own: its logits must be those
 * of the plain pass (run under a gradient collector, where every intermediate is kept), and no
 * array of a layer may outlive it on the batch's manager.
 */
class LayerRecomputeTest {
  @Test
  void theScopedInferencePassEqualsThePlainPassAndKeepsOnlyItsOutput() {
    LlamaConfig cfg =
        new LlamaConfig("llama", 40, 32, 64, 4, 4, 2, 8, 1e-5, 10000.0, 64, false, false);
    try (LanguageModel m = HfModels.random(cfg, Device.cpu(), 3, 0.05, 0.01);
        NDManager s = ModelRuntime.newManager(Device.cpu())) {
      m.applyLora(new LoraConfig(4, 8, 0, List.of("q_proj", "v_proj"), List.of()), 4);
      var ids = s.create(new long[][] {{1, 5, 9, 3, 7, 2}, {4, 4, 8, 0, 0, 0}});
      var mask = s.create(new long[][] {{1, 1, 1, 1, 1, 1}, {1, 1, 1, 0, 0, 0}});
      int before = s.getManagedArrays().size();
      float[] scoped = m.forward(ids, mask, false).logits().toFloatArray();
      int kept = s.getManagedArrays().size() - before;
      float[] plain;
      try (GradientCollector gc = ModelRuntime.engine().newGradientCollector()) {
        int b2 = s.getManagedArrays().size();
        plain = m.forward(ids, mask, false).logits().toFloatArray();
        // The plain pass keeps every layer's intermediates: many more arrays.
        assertThat(s.getManagedArrays().size() - b2).isGreaterThan(4 * kept);
      }
      assertThat(scoped).hasSize(2 * 6 * 40);
      for (int i = 0; i < plain.length; i++) {
        assertThat(scoped[i]).isEqualTo(plain[i]);
      }
    }
  }
}
