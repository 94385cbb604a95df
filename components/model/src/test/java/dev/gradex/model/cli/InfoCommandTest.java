package dev.gradex.model.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gradex.core.Json;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.arch.HfModels;
import dev.gradex.model.config.LlamaConfig;
import dev.gradex.model.tokenizer.TextTokenizerTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gradex model info} on a Llama-family model: the attention and position settings. */
class InfoCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  /**
   * A random 2-layer Llama: 4 heads, 2 key/value heads, head dim 8, theta 1e5, tied, 64 ctx, end of
   * sequence 7.
   */
  private Path llama() throws Exception {
    LlamaConfig cfg =
        new LlamaConfig("llama", 50, 32, 64, 2, 4, 2, 8, 1e-5, 1e5, 64, true, false)
            .withEosTokenId(OptionalLong.of(7));
    try (LanguageModel m = HfModels.random(cfg, Device.cpu(), 1, 0.02, 0)) {
      HfModels.save(m, dir);
    }
    Files.writeString(dir.resolve("tokenizer.json"), TextTokenizerTest.WORD_LEVEL);
    return dir;
  }

  private int run(String... args) {
    CommandLine cl = new CommandLine(new ModelCommand());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  @Test
  void infoShowsHeadsKeyValueHeadsContextRotaryAndTiedEmbeddings() throws Exception {
    assertThat(run("info", "--model", llama().toString())).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("attention:      4 heads, 2 key/value heads, head dim 8")
        .contains("context length: 64 tokens")
        .contains("positions:      rotary (theta 100000, no scaling)")
        .contains("embeddings:     tied (the LM head is the token embedding)")
        .contains("eos token:      7 (ends each completion unless data.appendEos: false)");
  }

  @Test
  void gpt2HasLearnedPositionsAndATiedHead() throws Exception {
    try (LanguageModel m =
        dev.gradex.model.arch.TinyDecoder.create(
            dev.gradex.model.arch.TinyDecoder.config(6, 16, 16, 2, 2), Device.cpu(), 1)) {
      HfModels.save(m, dir);
    }
    Files.writeString(dir.resolve("tokenizer.json"), TextTokenizerTest.WORD_LEVEL);
    assertThat(run("info", "--model", dir.toString())).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("attention:      2 heads, 2 key/value heads, head dim 8")
        .contains("positions:      learned")
        .contains("embeddings:     tied")
        .contains("eos token:      none (completions get no end-of-sequence token)");
  }

  @Test
  void infoJsonHasTheSameFields() throws Exception {
    assertThat(run("info", "--model", llama().toString(), "--json")).as(err.toString()).isZero();
    JsonNode n = Json.JSON.readTree(out.toString());
    assertThat(n.path("attention_heads").asInt()).isEqualTo(4);
    assertThat(n.path("key_value_heads").asInt()).isEqualTo(2);
    assertThat(n.path("head_dim").asInt()).isEqualTo(8);
    assertThat(n.path("context_length").asInt()).isEqualTo(64);
    assertThat(n.path("positions").asText()).isEqualTo("rotary");
    assertThat(n.path("rope_theta").asDouble()).isEqualTo(1e5);
    assertThat(n.path("rope_scaling").isNull()).isTrue();
    assertThat(n.path("tied_embeddings").asBoolean()).isTrue();
    assertThat(n.path("eos_token_id").asLong()).isEqualTo(7);
  }
}
