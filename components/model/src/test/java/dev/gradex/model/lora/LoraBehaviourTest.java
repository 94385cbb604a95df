package dev.gradex.model.lora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.gradex.core.InvalidInputException;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.ModelRuntime;
import dev.gradex.model.NamedParameter;
import dev.gradex.model.arch.HfModels;
import dev.gradex.model.arch.TinyDecoder;
import dev.gradex.model.config.Family;
import dev.gradex.model.config.Gpt2Config;
import dev.gradex.model.safetensors.SafeTensorsWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoraBehaviourTest {
  static final long[][] IDS = {{1, 7, 3, 49, 22, 5}, {4, 4, 17, 2, 0, 0}};
  static final long[][] MASK = {{1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 0, 0}};
  private static final Gpt2Config CFG = TinyDecoder.config(50, 16, 32, 2, 4);

  @TempDir Path dir;

  static float[] logits(LanguageModel m) {
    try (NDManager s = ModelRuntime.newManager(Device.cpu())) {
      return m.forward(s.create(IDS), s.create(MASK), false).logits().toFloatArray();
    }
  }

  static void randomizeB(LanguageModel m, long seed) {
    Random rng = new Random(seed);
    for (LoraAdapter a : m.loraLayers()) {
      float[] b = new float[(int) a.shapeB().size()];
      for (int i = 0; i < b.length; i++) {
        b[i] = (float) rng.nextGaussian() * 0.1f;
      }
      a.setValues(m.manager(), a.loraA().getArray().toFloatArray(), b);
    }
  }

  @Test
  void freshAdapterLeavesOutputUnchangedAndOnlyLoraIsTrainable() {
    try (LanguageModel m = TinyDecoder.create(CFG, Device.cpu(), 1)) {
      float[] before = logits(m);
      m.applyLora(new LoraConfig(4, 8, 0.1, List.of("c_attn", "mlp.c_proj"), List.of()), 3);
      assertThat(logits(m)).containsExactly(before);
      List<NamedParameter> trainable = m.trainableParameters();
      assertThat(trainable)
          .extracting(NamedParameter::name)
          .startsWith(
              "base_model.model.transformer.h.0.attn.c_attn.lora_A.weight",
              "base_model.model.transformer.h.0.attn.c_attn.lora_B.weight",
              "base_model.model.transformer.h.0.mlp.c_proj.lora_A.weight")
          .hasSize(8)
          .noneMatch(n -> n.contains("attn.c_proj"));
      assertThat(trainable).allMatch(p -> p.parameter().requiresGradient());
      long frozenTrainable =
          m.block().getParameters().values().stream().filter(p -> p.requiresGradient()).count();
      assertThat(frozenTrainable).isEqualTo(8);
    }
  }

  @Test
  void adapterRoundTripsThroughPeftFiles() throws IOException {
    float[] tuned;
    try (LanguageModel m = TinyDecoder.create(CFG, Device.cpu(), 1)) {
      HfModels.save(m, dir.resolve("base"));
      m.applyLora(LoraConfig.defaults(Family.GPT2), 3);
      randomizeB(m, 9);
      tuned = logits(m);
      m.saveAdapter(dir.resolve("adapter"), "base");
    }
    try (LanguageModel m = HfModels.load(dir.resolve("base"))) {
      float[] base = logits(m);
      assertThat(base).isNotEqualTo(tuned);
      m.loadAdapter(dir.resolve("adapter"));
      assertThat(m.loraConfig().rank()).isEqualTo(8);
      assertThat(logits(m)).containsExactly(tuned);
    }
  }

  @Test
  void adapterWrittenAsPythonPeftWritesItLoads() throws IOException {
    // As peft 0.13 writes it: extra fields, a subset of layers, target_modules as a list.
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("adapter_config.json"),
        "{\"alpha_pattern\": {}, \"auto_mapping\": null, \"base_model_name_or_path\": \"gpt2\","
            + " \"bias\": \"none\", \"fan_in_fan_out\": true, \"inference_mode\": true,"
            + " \"init_lora_weights\": true, \"layer_replication\": null, \"layers_pattern\": null,"
            + " \"layers_to_transform\": null, \"loftq_config\": {}, \"lora_alpha\": 4,"
            + " \"lora_dropout\": 0.05, \"megatron_config\": null, \"megatron_core\": \"megatron.core\","
            + " \"modules_to_save\": null, \"peft_type\": \"LORA\", \"r\": 2, \"rank_pattern\": {},"
            + " \"revision\": null, \"target_modules\": [\"c_attn\"], \"task_type\": \"CAUSAL_LM\","
            + " \"use_dora\": false, \"use_rslora\": false}");
    float[] a = new float[2 * 32];
    float[] b = new float[96 * 2];
    java.util.Arrays.fill(a, 0.1f);
    java.util.Arrays.fill(b, 0.2f);
    SafeTensorsWriter w = new SafeTensorsWriter();
    w.add(
        "base_model.model.transformer.h.1.attn.c_attn.lora_A.weight",
        new SafeTensorsWriter.Tensor(a, 2, 32));
    w.add(
        "base_model.model.transformer.h.1.attn.c_attn.lora_B.weight",
        new SafeTensorsWriter.Tensor(b, 96, 2));
    w.write(dir.resolve("adapter_model.safetensors"));
    try (LanguageModel m = TinyDecoder.create(CFG, Device.cpu(), 1)) {
      float[] before = logits(m);
      m.loadAdapter(dir);
      assertThat(m.loraLayers())
          .extracting(LoraAdapter::modulePath)
          .containsExactly("transformer.h.1.attn.c_attn");
      assertThat(m.loraLayers().get(0).config().scaling()).isEqualTo(2.0);
      assertThat(logits(m)).isNotEqualTo(before);
    }
  }

  @Test
  void adapterWithWrongShapeNamesTheTensor() throws IOException {
    try (LanguageModel m = TinyDecoder.create(CFG, Device.cpu(), 1)) {
      m.applyLora(LoraConfig.defaults(Family.GPT2), 3);
      m.saveAdapter(dir, "base");
    }
    SafeTensorsWriter w = new SafeTensorsWriter();
    w.add(
        "base_model.model.transformer.h.0.attn.c_attn.lora_A.weight",
        new SafeTensorsWriter.Tensor(new float[8 * 31], 8, 31));
    w.add(
        "base_model.model.transformer.h.0.attn.c_attn.lora_B.weight",
        new SafeTensorsWriter.Tensor(new float[96 * 8], 96, 8));
    Files.delete(dir.resolve("adapter_model.safetensors"));
    w.write(dir.resolve("adapter_model.safetensors"));
    try (LanguageModel m = TinyDecoder.create(CFG, Device.cpu(), 1)) {
      assertThatThrownBy(() -> m.loadAdapter(dir))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("base_model.model.transformer.h.0.attn.c_attn.lora_A.weight")
          .hasMessageContaining("[8, 31]");
    }
  }

  @Test
  void targetsComeFromConfigurationFiles() throws IOException {
    Path file = dir.resolve("lora.json");
    Files.writeString(
        file,
        "{\"llama\": {\"r\": 16, \"lora_alpha\": 32, \"target_modules\": [\"q_proj\", \"k_proj\", \"o_proj\"]}}");
    LoraConfig c = LoraConfig.read(file, Family.LLAMA);
    assertThat(c.rank()).isEqualTo(16);
    assertThat(c.targets("model.layers.3.self_attn.k_proj")).isTrue();
    assertThat(c.targets("model.layers.3.self_attn.v_proj")).isFalse();
    assertThat(LoraConfig.defaults(Family.BERT).modulesToSave()).containsExactly("classifier");
  }

  @Test
  void unknownTargetModuleIsRefused() {
    try (LanguageModel m = TinyDecoder.create(CFG, Device.cpu(), 1)) {
      LoraConfig c = new LoraConfig(4, 8, 0, List.of("q_proj"), List.of());
      assertThatThrownBy(() -> m.applyLora(c, 1))
          .hasMessageContaining("[q_proj] match no linear layer");
    }
  }

  static NDArray zeroGrads(LanguageModel m) {
    for (NamedParameter p : m.trainableParameters()) {
      NDArray g = p.parameter().getArray().getGradient();
      g.subi(g);
    }
    return null;
  }
}
