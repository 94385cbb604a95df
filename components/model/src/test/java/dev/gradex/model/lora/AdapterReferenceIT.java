package dev.gradex.model.lora;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.ModelRuntime;
import dev.gradex.model.TestSupport;
import dev.gradex.model.arch.HfModels;
import dev.gradex.model.config.Gpt2Config;
import dev.gradex.model.config.LlamaConfig;
import dev.gradex.model.config.ModelConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A saved adapter means to an independent reader what it means to us: the NumPy reference merges it
 * as PEFT's LoraLayer.merge does (W += alpha/r B A, transposed for fan_in_fan_out) and must
 * reproduce our LoRA model's logits.
 */
@Tag("fast")
class AdapterReferenceIT {
  @TempDir Path dir;

  private double compare(ModelConfig cfg, LoraConfig lora, String script) throws Exception {
    Path base = dir.resolve("base");
    Path adapter = dir.resolve("adapter");
    float[] ours;
    try (LanguageModel m = HfModels.random(cfg, Device.cpu(), 21, 0.2, 0.1)) {
      HfModels.save(m, base);
      m.applyLora(lora, 22);
      LoraBehaviourTest.randomizeB(m, 23);
      try (NDManager s = ModelRuntime.newManager(Device.cpu())) {
        ours =
            m.forward(s.create(LoraBehaviourTest.IDS), s.create(LoraBehaviourTest.MASK), false)
                .logits()
                .toFloatArray();
      }
      m.saveAdapter(adapter, base.toString());
    }
    JsonNode ref =
        TestSupport.pythonReference(
            script, base, LoraBehaviourTest.IDS, LoraBehaviourTest.MASK, adapter);
    return TestSupport.maxAbsDiff(ref.get("logits"), ours);
  }

  @Test
  void gpt2AdapterMergedByNumpyReferenceGivesOurLogits() throws Exception {
    LoraConfig lora = new LoraConfig(4, 16, 0, List.of("c_attn", "c_proj", "c_fc"), List.of());
    double diff = compare(new Gpt2Config(50, 16, 32, 2, 4, 1e-5), lora, "reference_gpt2.py");
    System.out.println("GPT-2 + LoRA max abs diff vs NumPy merge: " + diff);
    assertThat(diff).isLessThanOrEqualTo(1e-4);
  }

  @Test
  void llamaAdapterMergedByNumpyReferenceGivesOurLogits() throws Exception {
    LlamaConfig cfg = new LlamaConfig("llama", 50, 32, 64, 2, 4, 2, 8, 1e-5, 1e4, 64, false, false);
    LoraConfig lora =
        new LoraConfig(
            8, 16, 0.1, List.of("q_proj", "k_proj", "v_proj", "o_proj", "down_proj"), List.of());
    double diff = compare(cfg, lora, "reference_llama.py");
    System.out.println("Llama + LoRA max abs diff vs NumPy merge: " + diff);
    assertThat(diff).isLessThanOrEqualTo(1e-4);
  }
}
