package dev.gradex.model.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradex.model.TestSupport;
import dev.gradex.model.config.LlamaConfig;
import dev.gradex.model.config.RopeScaling;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class LlamaReferenceIT {
  @TempDir Path dir;

  private double compare(LlamaConfig cfg) throws Exception {
    ReferenceFixtures.writeRandom(cfg, dir, 12);
    float[] ours = ReferenceFixtures.run(dir)[1];
    JsonNode ref =
        TestSupport.pythonReference(
            "reference_llama.py", dir, ReferenceFixtures.IDS, ReferenceFixtures.MASK);
    return TestSupport.maxAbsDiff(ref.get("logits"), ours);
  }

  @Test
  void llamaWithGroupedQueryAttentionMatchesNumpyReference() throws Exception {
    // 4 query heads sharing 2 key/value heads, untied lm_head, rope_theta as in Llama 3.
    LlamaConfig cfg =
        new LlamaConfig("llama", 50, 64, 96, 2, 4, 2, 16, 1e-5, 500000.0, 64, false, false);
    double diff = compare(cfg);
    System.out.println("Llama max abs diff vs NumPy: " + diff);
    assertThat(diff).isLessThanOrEqualTo(1e-4);
  }

  @Test
  void llama3RopeScalingMatchesNumpyReference() throws Exception {
    // original context 8 < sequence length 10, so all three frequency bands occur.
    LlamaConfig cfg =
        new LlamaConfig(
            "llama",
            50,
            64,
            96,
            1,
            4,
            2,
            16,
            1e-5,
            500000.0,
            64,
            true,
            false,
            new RopeScaling("llama3", 8, 1, 4, 8));
    double diff = compare(cfg);
    System.out.println("Llama-3 rope scaling max abs diff vs NumPy: " + diff);
    assertThat(diff).isLessThanOrEqualTo(1e-4);
  }

  @Test
  void qwen2WithBiasesAndTiedEmbeddingsMatchesNumpyReference() throws Exception {
    LlamaConfig cfg =
        new LlamaConfig("qwen2", 50, 32, 64, 2, 4, 1, 8, 1e-6, 10000.0, 64, true, true);
    double diff = compare(cfg);
    System.out.println("Qwen2 max abs diff vs NumPy: " + diff);
    assertThat(diff).isLessThanOrEqualTo(1e-4);
  }
}
