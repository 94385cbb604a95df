package dev.gradex.model.arch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gradex.core.InvalidInputException;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.ModelOutput;
import dev.gradex.model.ModelRuntime;
import dev.gradex.model.config.Gpt2Config;
import dev.gradex.model.safetensors.DType;
import dev.gradex.model.safetensors.SafeTensorsWriter;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TinyDecoderTest {
  @TempDir Path dir;

  private static float[] logits(LanguageModel m) {
    try (NDManager scope = ModelRuntime.newManager(Device.cpu())) {
      NDArray ids = scope.create(ReferenceFixtures.IDS);
      ModelOutput out = m.forward(ids, scope.create(ReferenceFixtures.MASK), false);
      assertThat(out.logits().getShape()).isEqualTo(new Shape(2, 10, 50));
      assertThat(out.hidden().getShape()).isEqualTo(new Shape(2, 10, 32));
      return out.logits().toFloatArray();
    }
  }

  @Test
  void createdDecoderSavesAndLoadsBackIdentically() throws IOException {
    Gpt2Config cfg = TinyDecoder.config(50, 16, 32, 2, 4);
    float[] before;
    try (LanguageModel m = TinyDecoder.create(cfg, Device.cpu(), 7)) {
      // wte + wpe + 2 layers (ln_1 64, c_attn 3168, c_proj 1056, ln_2 64, c_fc 4224, c_proj 4128) +
      // ln_f
      assertThat(m.baseParameterCount()).isEqualTo(50 * 32 + 16 * 32 + 2 * 12_704L + 64);
      before = logits(m);
      HfModels.save(m, dir);
    }
    try (LanguageModel m = HfModels.load(dir)) {
      assertThat(logits(m)).containsExactly(before);
    }
  }

  @Test
  void halfPrecisionCheckpointsLoadAsFloat32() throws IOException {
    Gpt2Config cfg = TinyDecoder.config(50, 16, 32, 2, 4);
    float[] before;
    try (LanguageModel m = TinyDecoder.create(cfg, Device.cpu(), 8)) {
      before = logits(m);
      HfModels.save(m, dir);
    }
    for (DType dtype : new DType[] {DType.BF16, DType.F16}) {
      CheckpointEdits.convert(dir.resolve("model.safetensors"), dtype);
      try (LanguageModel m = HfModels.load(dir)) {
        float[] after = logits(m);
        double max = 0;
        for (int i = 0; i < after.length; i++) {
          max = Math.max(max, Math.abs(after[i] - before[i]));
        }
        assertThat(max).as(dtype.name()).isLessThan(0.05);
      }
    }
  }

  @Test
  void outOfRangeTokenIdsAndOverlongInputsFailWithoutCrashing() {
    try (LanguageModel m =
            TinyDecoder.create(TinyDecoder.config(50, 16, 32, 1, 4), Device.cpu(), 9);
        NDManager scope = ModelRuntime.newManager(Device.cpu())) {
      NDArray bad = scope.create(new long[][] {{1, 50}});
      NDArray mask = scope.create(new long[][] {{1, 1}});
      assertThatThrownBy(() -> m.forward(bad, mask, false)).isInstanceOf(RuntimeException.class);
      NDArray tooLong = scope.zeros(new Shape(1, 17), ai.djl.ndarray.types.DataType.INT64);
      assertThatThrownBy(() -> m.forward(tooLong, tooLong.onesLike(), false))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("exceeds n_positions 16");
      // The model is still usable afterwards.
      assertThat(m.forward(mask, mask, false).logits().getShape()).isEqualTo(new Shape(1, 2, 50));
    }
  }

  @Test
  void shardedCheckpointLoadsThroughItsIndex() throws IOException {
    float[] before;
    try (LanguageModel m =
        TinyDecoder.create(TinyDecoder.config(50, 16, 32, 2, 4), Device.cpu(), 10)) {
      before = logits(m);
      HfModels.save(m, dir);
    }
    Path whole = dir.resolve("model.safetensors");
    java.util.Map<String, SafeTensorsWriter.Tensor> all = new java.util.LinkedHashMap<>();
    CheckpointEdits.edit(whole, all::putAll);
    SafeTensorsWriter first = new SafeTensorsWriter();
    SafeTensorsWriter second = new SafeTensorsWriter();
    StringBuilder index = new StringBuilder("{\"metadata\": {}, \"weight_map\": {");
    int i = 0;
    for (var e : all.entrySet()) {
      String shard =
          i % 2 == 0 ? "model-00001-of-00002.safetensors" : "model-00002-of-00002.safetensors";
      (i % 2 == 0 ? first : second).add(e.getKey(), e.getValue());
      index
          .append(i == 0 ? "" : ",")
          .append('"')
          .append(e.getKey())
          .append("\": \"")
          .append(shard)
          .append('"');
      i++;
    }
    first.write(dir.resolve("model-00001-of-00002.safetensors"));
    second.write(dir.resolve("model-00002-of-00002.safetensors"));
    java.nio.file.Files.writeString(dir.resolve("model.safetensors.index.json"), index + "}}");
    // A stray file with other names (as Mistral repositories ship) must not be mixed in.
    java.nio.file.Files.move(whole, dir.resolve("consolidated.safetensors"));
    try (LanguageModel m = HfModels.load(dir)) {
      assertThat(logits(m)).containsExactly(before);
    }
  }
}
