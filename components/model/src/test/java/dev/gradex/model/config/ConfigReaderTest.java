package dev.gradex.model.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigReaderTest {
  @TempDir Path dir;

  private ModelConfig read(String json) throws IOException {
    Files.writeString(dir.resolve("config.json"), json);
    return ConfigReader.read(dir);
  }

  @Test
  void mistralAndQwen2ReadAsLlamaFamilyWithTheirDefaults() throws IOException {
    LlamaConfig mistral =
        (LlamaConfig)
            read(
                "{\"model_type\":\"mistral\",\"vocab_size\":32000,\"hidden_size\":4096,"
                    + "\"intermediate_size\":14336,\"num_hidden_layers\":32,"
                    + "\"num_attention_heads\":32,\"num_key_value_heads\":8,\"sliding_window\":4096}");
    assertThat(mistral.family()).isEqualTo(Family.LLAMA);
    assertThat(mistral.headDim()).isEqualTo(128);
    assertThat(mistral.numKvHeads()).isEqualTo(8);
    assertThat(mistral.attentionBias()).isFalse();
    LlamaConfig qwen =
        (LlamaConfig)
            read(
                "{\"model_type\":\"qwen2\",\"vocab_size\":151936,\"hidden_size\":896,"
                    + "\"intermediate_size\":4864,\"num_hidden_layers\":24,"
                    + "\"num_attention_heads\":14,\"num_key_value_heads\":2,"
                    + "\"tie_word_embeddings\":true,\"rope_theta\":1000000.0}");
    assertThat(qwen.attentionBias()).isTrue();
    assertThat(qwen.tieWordEmbeddings()).isTrue();
    assertThat(qwen.ropeTheta()).isEqualTo(1e6);
  }

  @Test
  void writtenConfigReadsBackEqual() throws IOException {
    BertConfig bert = new BertConfig(30522, 384, 6, 12, 1536, 512, 2, 1e-12, "gelu", 2);
    ConfigWriter.write(bert, dir);
    assertThat(ConfigReader.read(dir)).isEqualTo(bert);
    Gpt2Config gpt2 = new Gpt2Config(50257, 1024, 768, 12, 12, 1e-5);
    ConfigWriter.write(gpt2, dir);
    assertThat(ConfigReader.read(dir)).isEqualTo(gpt2);
  }

  @Test
  void unknownModelTypeNamesConfigJsonAndTheValue() {
    assertThatThrownBy(() -> read("{\"model_type\":\"mamba\",\"vocab_size\":10}"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("config.json")
        .hasMessageContaining("unknown model_type 'mamba'");
  }

  @Test
  void missingOrInvalidFieldIsNamed() {
    assertThatThrownBy(() -> read("{\"model_type\":\"gpt2\",\"vocab_size\":10}"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'n_positions'");
    assertThatThrownBy(
            () ->
                read(
                    "{\"model_type\":\"gpt2\",\"vocab_size\":10,\"n_positions\":8,"
                        + "\"n_embd\":30,\"n_layer\":1,\"n_head\":4}"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("n_embd (30) must be divisible by n_head (4)");
    assertThatThrownBy(() -> read("not json")).isInstanceOf(InvalidInputException.class);
  }
}
