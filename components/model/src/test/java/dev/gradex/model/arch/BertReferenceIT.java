package dev.gradex.model.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradex.model.TestSupport;
import dev.gradex.model.config.BertConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class BertReferenceIT {
  @TempDir Path dir;

  @Test
  void bertHiddenStatesAndClassifierMatchNumpyReference() throws Exception {
    BertConfig cfg = new BertConfig(50, 32, 2, 4, 64, 16, 2, 1e-12, "gelu", 3);
    ReferenceFixtures.writeRandom(cfg, dir, 13);
    float[][] ours = ReferenceFixtures.run(dir);
    JsonNode ref =
        TestSupport.pythonReference(
            "reference_bert.py", dir, ReferenceFixtures.IDS, ReferenceFixtures.MASK);
    // Padded positions of the second sequence are not compared: their values are arbitrary.
    double hidden = maxDiffOnRealTokens(ref.get("hidden"), ours[0], 32);
    double logits = TestSupport.maxAbsDiff(ref.get("logits"), ours[1]);
    System.out.println("BERT max abs diff vs NumPy: hidden " + hidden + ", logits " + logits);
    assertThat(hidden).isLessThanOrEqualTo(1e-4);
    assertThat(logits).isLessThanOrEqualTo(1e-4);
  }

  private static double maxDiffOnRealTokens(JsonNode ref, float[] ours, int h) {
    double max = 0;
    long[][] mask = ReferenceFixtures.MASK;
    int t = mask[0].length;
    for (int b = 0; b < mask.length; b++) {
      for (int i = 0; i < t; i++) {
        if (mask[b][i] == 0) {
          continue;
        }
        for (int j = 0; j < h; j++) {
          double d = ref.get(b).get(i).get(j).asDouble() - ours[(b * t + i) * h + j];
          max = Math.max(max, Math.abs(d));
        }
      }
    }
    return max;
  }
}
