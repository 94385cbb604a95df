package dev.gradex.model.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.arch.HfModels;
import dev.gradex.model.arch.TinyDecoder;
import dev.gradex.model.config.BertConfig;
import dev.gradex.model.config.Family;
import dev.gradex.model.config.Gpt2Config;
import dev.gradex.model.lora.LoraConfig;
import dev.gradex.model.tokenizer.TextTokenizerTest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvalCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = new CommandLine(new ModelCommand());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  private JsonNode json() throws IOException {
    String[] lines = out.toString().trim().split("\n");
    return new ObjectMapper().readTree(lines[lines.length - 1]);
  }

  @Test
  void completionsEndWithTheModelsEosUnlessAppendEosIsFalse() throws IOException {
    Path model = dir.resolve("eos");
    Gpt2Config c = new Gpt2Config(6, 16, 16, 2, 2, 1e-5, OptionalLong.of(5));
    try (LanguageModel m = TinyDecoder.create(c, Device.cpu(), 1)) {
      HfModels.save(m, model);
    }
    Files.writeString(model.resolve("tokenizer.json"), TextTokenizerTest.WORD_LEVEL);
    Path data = dir.resolve("d.jsonl");
    Files.writeString(
        data,
        "{\"prompt\":\"hello world\",\"completion\":\" gradex selects data\"}\n"
            + "{\"prompt\":\"data\",\"completion\":\" hello\"}\n");
    assertThat(run("eval", "--model", model.toString(), "--data", data.toString(), "--json"))
        .as(err.toString())
        .isZero();
    // 3 + 1 completion tokens and one EOS each
    assertThat(json().get("tokens").asLong()).isEqualTo(6);
    out.getBuffer().setLength(0);
    String[] off = {
      "eval",
      "--model",
      model.toString(),
      "--data",
      data.toString(),
      "--json",
      "--append-eos",
      "false"
    };
    assertThat(run(off)).as(err.toString()).isZero();
    assertThat(json().get("tokens").asLong()).isEqualTo(4);
  }

  @Test
  void freshDecoderHasLossNearLogVocabAndAnAdapterChangesIt() throws IOException {
    Path model = dir.resolve("m");
    try (LanguageModel m =
        TinyDecoder.create(TinyDecoder.config(6, 16, 16, 2, 2), Device.cpu(), 1)) {
      HfModels.save(m, model);
      m.applyLora(LoraConfig.defaults(Family.GPT2), 3);
      m.loraLayers().get(0).setValues(m.manager(), random(8 * 16, 0.5f), random(48 * 8, 0.5f));
      m.saveAdapter(dir.resolve("adapter"), "m");
    }
    Files.writeString(model.resolve("tokenizer.json"), TextTokenizerTest.WORD_LEVEL);
    Path data = dir.resolve("d.jsonl");
    Files.writeString(
        data,
        "{\"prompt\":\"hello world\",\"completion\":\" gradex selects data\"}\n"
            + "{\"prompt\":\"data\",\"completion\":\" hello\"}\n");
    assertThat(run("eval", "--model", model.toString(), "--data", data.toString(), "--json"))
        .as(err.toString())
        .isZero();
    JsonNode base = json();
    // Small logits (N(0, 0.02) weights): cross-entropy ~ ln 6 per token, perplexity ~ 6.
    assertThat(base.get("loss").asDouble()).isCloseTo(Math.log(6), within(0.15));
    assertThat(base.get("perplexity").asDouble()).isCloseTo(6, within(1.0));
    assertThat(base.get("tokens").asLong()).isEqualTo(4);
    assertThat(base.get("accuracy").isNull()).isTrue();
    out.getBuffer().setLength(0);
    assertThat(
            run(
                "eval",
                "--model",
                model.toString(),
                "--adapter",
                dir.resolve("adapter").toString(),
                "--data",
                data.toString(),
                "--json"))
        .as(err.toString())
        .isZero();
    assertThat(Math.abs(json().get("loss").asDouble() - base.get("loss").asDouble()))
        .isGreaterThan(1e-3);
  }

  @Test
  void classifierReportsAccuracyAndBadRecordsExitWithCode2NamingTheLine() throws IOException {
    Path model = dir.resolve("bert");
    try (LanguageModel m =
        HfModels.random(
            new BertConfig(6, 16, 1, 2, 32, 16, 2, 1e-12, "gelu", 2), Device.cpu(), 1, 0.02, 0)) {
      HfModels.save(m, model);
    }
    Files.writeString(model.resolve("tokenizer.json"), TextTokenizerTest.WORD_LEVEL);
    Path data = dir.resolve("c.jsonl");
    Files.writeString(
        data, "{\"text\":\"hello world\",\"label\":1}\n{\"text\":\"data\",\"label\":0}\n");
    assertThat(run("eval", "--model", model.toString(), "--data", data.toString(), "--json"))
        .as(err.toString())
        .isZero();
    JsonNode r = json();
    assertThat(r.get("loss").asDouble()).isCloseTo(Math.log(2), within(0.1));
    assertThat(r.get("accuracy").asDouble()).isIn(0.0, 0.5, 1.0);
    Files.writeString(data, "{\"text\":\"hello\",\"label\":1}\n{\"text\":\"data\"}\n");
    assertThat(run("eval", "--model", model.toString(), "--data", data.toString()))
        .isEqualTo(ModelCommand.EXIT_INVALID_INPUT);
    assertThat(err.toString()).contains("c.jsonl:2");
  }

  private static float[] random(int n, float v) {
    // Random, not constant: LayerNorm output has zero mean, so a constant A would cancel out.
    java.util.Random rng = new java.util.Random(n);
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) rng.nextGaussian() * v;
    }
    return a;
  }
}
