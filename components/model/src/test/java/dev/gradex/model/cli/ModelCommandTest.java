package dev.gradex.model.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.arch.HfModels;
import dev.gradex.model.arch.TinyDecoder;
import dev.gradex.model.config.BertConfig;
import dev.gradex.model.tokenizer.TextTokenizerTest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ModelCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = new CommandLine(new ModelCommand());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  private Path tinyDecoder() throws IOException {
    try (LanguageModel m =
        TinyDecoder.create(TinyDecoder.config(6, 16, 16, 2, 2), Device.cpu(), 1)) {
      HfModels.save(m, dir);
    }
    Files.writeString(dir.resolve("tokenizer.json"), TextTokenizerTest.WORD_LEVEL);
    return dir;
  }

  @Test
  void infoPrintsArchitectureLayersParametersAndLoraTargets() throws IOException {
    int code = run("info", "--model", tinyDecoder().toString());
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("architecture:   gpt2")
        .contains("layers:         2")
        .contains("LoRA targets:   [c_attn]")
        .contains("transformer.h.0.attn.c_attn");
  }

  @Test
  void forwardJsonOfDecoderHasTokensAndLogitsPerPosition() throws IOException {
    int code =
        run(
            "forward",
            "--model",
            tinyDecoder().toString(),
            "--text",
            "hello gradex world",
            "--json");
    assertThat(code).as(err.toString()).isZero();
    JsonNode n = new ObjectMapper().readTree(out.toString());
    assertThat(n.get("tokens").toString()).isEqualTo("[1,3,2]");
    assertThat(n.get("logits")).hasSize(3);
    assertThat(n.get("logits").get(0)).hasSize(6);
    assertThat(n.has("hidden")).isFalse();
  }

  @Test
  void forwardJsonOfEncoderHasHiddenStates() throws IOException {
    try (LanguageModel m =
        HfModels.random(
            new BertConfig(6, 8, 1, 2, 16, 16, 2, 1e-12, "gelu", 2), Device.cpu(), 1, 0.02, 0)) {
      HfModels.save(m, dir);
    }
    Files.writeString(dir.resolve("tokenizer.json"), TextTokenizerTest.WORD_LEVEL);
    int code = run("forward", "--model", dir.toString(), "--text", "data selects", "--json");
    assertThat(code).as(err.toString()).isZero();
    JsonNode n = new ObjectMapper().readTree(out.toString());
    assertThat(n.get("tokens").toString()).isEqualTo("[5,4]");
    assertThat(n.get("hidden")).hasSize(2);
    assertThat(n.get("hidden").get(1)).hasSize(8);
  }

  @Test
  void badInputGivesMessageNamingTheFileAndNonZeroExit() throws IOException {
    Path d = tinyDecoder();
    Files.writeString(d.resolve("tokenizer.json"), "{ not json");
    int code = run("forward", "--model", d.toString(), "--text", "hello");
    assertThat(code).isEqualTo(ModelCommand.EXIT_INVALID_INPUT);
    assertThat(err.toString()).contains("error: ").contains("tokenizer.json");

    Files.writeString(d.resolve("config.json"), "{\"model_type\": \"t5\"}");
    assertThat(run("info", "--model", d.toString())).isEqualTo(ModelCommand.EXIT_INVALID_INPUT);
    assertThat(err.toString()).contains("config.json").contains("unknown model_type 't5'");

    assertThat(run("info", "--model", d.resolve("nope").toString())).isEqualTo(2);
    assertThat(run("info")).isEqualTo(2); // --model is required
  }

  @Test
  void helpIsAvailableOnEverySubcommand() {
    assertThat(run("--help")).isZero();
    assertThat(run("info", "--help")).isZero();
    assertThat(run("forward", "--help")).isZero();
    assertThat(out.toString()).contains("--model").contains("--text").contains("--json");
  }
}
