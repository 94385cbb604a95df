package dev.gradex.model.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradex.model.TestSupport;
import dev.gradex.model.config.Gpt2Config;
import dev.gradex.model.safetensors.SafeTensorsFile;
import dev.gradex.model.safetensors.SafeTensorsWriter;
import dev.gradex.model.safetensors.TensorInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class Gpt2ReferenceIT {
  @TempDir Path dir;

  @Test
  void gpt2LogitsMatchNumpyReferenceOnRandomWeights() throws Exception {
    Gpt2Config cfg = new Gpt2Config(50, 16, 32, 2, 4, 1e-5);
    ReferenceFixtures.writeRandom(cfg, dir, 11);
    rewriteWithOriginalGpt2Names(dir.resolve("model.safetensors"));

    float[] ours = ReferenceFixtures.run(dir)[1];
    JsonNode ref =
        TestSupport.pythonReference(
            "reference_gpt2.py", dir, ReferenceFixtures.IDS, ReferenceFixtures.MASK);
    double diff = TestSupport.maxAbsDiff(ref.get("logits"), ours);
    System.out.println("GPT-2 max abs diff vs NumPy: " + diff);
    assertThat(diff).isLessThanOrEqualTo(1e-4);
  }

  /**
   * The original gpt2 checkpoint has no "transformer." prefix and carries causal-mask buffers; the
   * loader must accept both.
   */
  private static void rewriteWithOriginalGpt2Names(Path file) throws Exception {
    SafeTensorsWriter w = new SafeTensorsWriter();
    try (SafeTensorsFile f = SafeTensorsFile.open(file)) {
      for (TensorInfo t : f.tensors().values()) {
        w.add(
            t.name().replaceFirst("^transformer\\.", ""),
            new SafeTensorsWriter.Tensor(f.readFloats(t.name()), t.shape()));
      }
    }
    w.add("h.0.attn.bias", new SafeTensorsWriter.Tensor(new float[16 * 16], 1, 1, 16, 16));
    Files.delete(file);
    w.write(file);
  }
}
