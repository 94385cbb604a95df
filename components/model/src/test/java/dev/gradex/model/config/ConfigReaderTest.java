package dev.gradex.model.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
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

  private static final String LLAMA =
      "{\"model_type\":\"llama\",\"vocab_size\":100,\"hidden_size\":16,"
          + "\"intermediate_size\":32,\"num_hidden_layers\":1,\"num_attention_heads\":2";

  private static final String GPT2 =
      "{\"model_type\":\"gpt2\",\"vocab_size\":50257,\"n_positions\":8,"
          + "\"n_embd\":8,\"n_layer\":1,\"n_head\":2";

  @Test
  void eosTokenIdIsAnIntegerOrTheFirstOfAListAndAbsentOrNullIsNone() throws IOException {
    assertThat(read(LLAMA + ",\"eos_token_id\":2}").eosTokenId()).hasValue(2);
    assertThat(read(LLAMA + ",\"eos_token_id\":[99,7,8]}").eosTokenId()).hasValue(99);
    assertThat(read(LLAMA + "}").eosTokenId()).isEmpty();
    assertThat(read(LLAMA + ",\"eos_token_id\":null}").eosTokenId()).isEmpty();
    assertThat(read(LLAMA + ",\"eos_token_id\":[]}").eosTokenId()).isEmpty();
    assertThat(read(GPT2 + ",\"eos_token_id\":50256}").eosTokenId()).hasValue(50256);
    assertThat(read(GPT2 + "}").eosTokenId()).isEmpty();
  }

  @Test
  void bertHasNoEosTokenEvenIfConfigJsonNamesOne() {
    BertConfig bert = new BertConfig(30522, 384, 6, 12, 1536, 512, 2, 1e-12, "gelu", 2);
    assertThat(bert.eosTokenId()).isEmpty();
  }

  @Test
  void eosTokenIdOutsideTheVocabularyOrNotAnIntegerNamesTheFieldOfConfigJson() {
    assertThatThrownBy(() -> read(GPT2 + ",\"eos_token_id\":50257}"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("config.json")
        .hasMessageContaining("eos_token_id 50257 is outside the vocabulary [0, 50257)");
    assertThatThrownBy(() -> read(LLAMA + ",\"eos_token_id\":[-1]}"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("eos_token_id -1 is outside the vocabulary [0, 100)");
    assertThatThrownBy(() -> read(LLAMA + ",\"eos_token_id\":\"</s>\"}"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(
            "field 'eos_token_id' must be an integer, a list of integers or null");
  }

  @Test
  void writtenEosTokenIdReadsBackEqual() throws IOException {
    Gpt2Config gpt2 = new Gpt2Config(50257, 1024, 768, 12, 12, 1e-5, OptionalLong.of(50256));
    ConfigWriter.write(gpt2, dir);
    assertThat(Files.readString(dir.resolve("config.json"))).contains("\"eos_token_id\" : 50256");
    assertThat(ConfigReader.read(dir)).isEqualTo(gpt2);
    LlamaConfig llama =
        new LlamaConfig("llama", 50, 32, 64, 2, 4, 2, 8, 1e-5, 1e5, 64, true, false)
            .withEosTokenId(OptionalLong.of(3));
    ConfigWriter.write(llama, dir);
    assertThat(ConfigReader.read(dir)).isEqualTo(llama);
  }
}
