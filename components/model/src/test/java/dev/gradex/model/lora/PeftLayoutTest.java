package dev.gradex.model.lora;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.arch.HfModels;
import dev.gradex.model.arch.TinyDecoder;
import dev.gradex.model.config.BertConfig;
import dev.gradex.model.config.Family;
import dev.gradex.model.config.LlamaConfig;
import dev.gradex.model.safetensors.DType;
import dev.gradex.model.safetensors.SafeTensorsFile;
import dev.gradex.model.safetensors.TensorInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks saved adapters against PEFT's documented layout (peft.utils.save_and_load and LoraConfig):
 * adapter_model.safetensors + adapter_config.json, tensor names
 * base_model.model.{module}.lora_A.weight of shape (r, in) and lora_B.weight of shape (out, r) in
 * F32, no adapter name in keys, modules_to_save saved under their plain module name.
 */
class PeftLayoutTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void gpt2AdapterFollowsPeftLayoutWithFanInFanOut() throws IOException {
    try (LanguageModel m =
        TinyDecoder.create(TinyDecoder.config(50, 16, 32, 2, 4), Device.cpu(), 1)) {
      m.applyLora(LoraConfig.defaults(Family.GPT2), 5);
      m.saveAdapter(dir, "gradex/tiny-gpt2");
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("adapter_config.json", "adapter_model.safetensors");
    }
    // Golden file: a change to the adapter format must be deliberate.
    try (var golden = getClass().getResourceAsStream("adapter_config.golden.json")) {
      assertThat(Files.readString(dir.resolve("adapter_config.json")).strip())
          .isEqualTo(
              new String(golden.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip());
    }
    JsonNode cfg = JSON.readTree(dir.resolve("adapter_config.json").toFile());
    assertThat(cfg.get("peft_type").asText()).isEqualTo("LORA");
    assertThat(cfg.get("task_type").asText()).isEqualTo("CAUSAL_LM");
    assertThat(cfg.get("r").asInt()).isEqualTo(8);
    assertThat(cfg.get("lora_alpha").asDouble()).isEqualTo(16.0);
    assertThat(cfg.get("lora_dropout").asDouble()).isEqualTo(0.0);
    assertThat(cfg.get("target_modules").toString()).isEqualTo("[\"c_attn\"]");
    assertThat(cfg.get("bias").asText()).isEqualTo("none");
    assertThat(cfg.get("fan_in_fan_out").asBoolean()).isTrue();
    assertThat(cfg.get("inference_mode").asBoolean()).isTrue();
    assertThat(cfg.get("base_model_name_or_path").asText()).isEqualTo("gradex/tiny-gpt2");
    assertThat(cfg.get("modules_to_save").isNull()).isTrue();
    assertThat(cfg.get("use_dora").asBoolean()).isFalse();
    assertThat(cfg.get("use_rslora").asBoolean()).isFalse();

    try (SafeTensorsFile f = SafeTensorsFile.open(dir.resolve("adapter_model.safetensors"))) {
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        expected.add("base_model.model.transformer.h." + i + ".attn.c_attn.lora_A.weight");
        expected.add("base_model.model.transformer.h." + i + ".attn.c_attn.lora_B.weight");
      }
      assertThat(f.tensors().keySet()).containsExactlyElementsOf(expected);
      assertThat(f.metadata()).containsEntry("format", "pt");
      TensorInfo a = f.tensors().get(expected.get(0));
      TensorInfo b = f.tensors().get(expected.get(1));
      assertThat(a.dtype()).isEqualTo(DType.F32);
      assertThat(a.shape()).containsExactly(8, 32); // (r, in)
      assertThat(b.shape()).containsExactly(96, 8); // (out = 3 * hidden, r)
      assertThat(f.readFloats(b.name())).containsOnly(0f); // B starts at zero
      assertThat(f.readFloats(a.name())).isNotEqualTo(new float[8 * 32]);
    }
  }

  @Test
  void llamaAdapterUsesPeftModulePaths() throws IOException {
    LlamaConfig cfg = new LlamaConfig("llama", 50, 32, 64, 2, 4, 2, 8, 1e-5, 1e4, 64, false, false);
    try (LanguageModel m = HfModels.random(cfg, Device.cpu(), 1, 0.02, 0)) {
      m.applyLora(LoraConfig.defaults(Family.LLAMA), 5);
      m.saveAdapter(dir, "base");
    }
    JsonNode json = JSON.readTree(dir.resolve("adapter_config.json").toFile());
    assertThat(json.get("fan_in_fan_out").asBoolean()).isFalse();
    try (SafeTensorsFile f = SafeTensorsFile.open(dir.resolve("adapter_model.safetensors"))) {
      assertThat(f.tensors())
          .containsKey("base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight")
          .containsKey("base_model.model.model.layers.1.self_attn.v_proj.lora_B.weight")
          .hasSize(8);
      assertThat(
              f.tensors()
                  .get("base_model.model.model.layers.0.self_attn.v_proj.lora_B.weight")
                  .shape())
          .containsExactly(16, 8); // 2 kv heads * head_dim 8
    }
  }

  @Test
  void bertAdapterIsSeqClsAndSavesTheClassifier() throws IOException {
    BertConfig cfg = new BertConfig(50, 32, 1, 4, 64, 16, 2, 1e-12, "gelu", 3);
    try (LanguageModel m = HfModels.random(cfg, Device.cpu(), 1, 0.02, 0)) {
      m.applyLora(LoraConfig.defaults(Family.BERT), 5);
      m.saveAdapter(dir, "sentence-transformers/all-MiniLM-L6-v2");
    }
    JsonNode json = JSON.readTree(dir.resolve("adapter_config.json").toFile());
    assertThat(json.get("task_type").asText()).isEqualTo("SEQ_CLS");
    assertThat(json.get("modules_to_save").toString()).isEqualTo("[\"classifier\"]");
    try (SafeTensorsFile f = SafeTensorsFile.open(dir.resolve("adapter_model.safetensors"))) {
      assertThat(f.tensors().keySet())
          .containsExactly(
              "base_model.model.bert.encoder.layer.0.attention.self.query.lora_A.weight",
              "base_model.model.bert.encoder.layer.0.attention.self.query.lora_B.weight",
              "base_model.model.bert.encoder.layer.0.attention.self.value.lora_A.weight",
              "base_model.model.bert.encoder.layer.0.attention.self.value.lora_B.weight",
              "base_model.model.classifier.weight",
              "base_model.model.classifier.bias");
      assertThat(f.tensors().get("base_model.model.classifier.weight").shape())
          .containsExactly(3, 32);
    }
  }
}
