package dev.gradex.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.core.InvalidInputException;
import dev.gradex.core.progress.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The up-front length check: every too-long example named before anything is created. */
class RunConfigLengthsTest {
  @TempDir Path dir;
  private int cleanLines;

  private static final String CONFIG =
      String.join(
          "\n",
          "out: runs/x",
          "seed: 7",
          "sources:",
          "  - {name: clean-00, path: data/clean-00.jsonl}",
          "  - {name: noisy-00, path: data/noisy-00.jsonl}",
          "target: {train: data/target-train.jsonl, validation: data/target-validation.jsonl,"
              + " test: data/target-test.jsonl}",
          "model: {tiny: {alphabet: '0123456789+=;', hidden: 32, layers: 1, heads: 2, context:"
              + " 48, pretrainEpochs: 0}}",
          "lora: {rank: 8, alpha: 16}",
          "train: {epochs: 2, learningRate: 0.003, batchSize: 16}",
          "gradients: {dim: 64, seed: 0, batchSize: 16}",
          "estimate: {subsets: 200, alpha: 0.5, mode: faithful, select: best-prefix}",
          "fineTune: {epochs: 2, learningRate: 0.003, batchSize: 16}",
          "");

  @BeforeEach
  void data() throws Exception {
    new ArithmeticSources(1, 1, 1, 0, 5, 5, 5).write(dir.resolve("data"));
    Path clean = dir.resolve("data/clean-00.jsonl");
    cleanLines = Files.readAllLines(clean).size();
    String prompt = "1+".repeat(30) + "=";
    Files.writeString(
        clean,
        "{\"prompt\":\""
            + prompt
            + "\",\"completion\":\"5;\"}\n"
            + "{\"prompt\":\""
            + "2+".repeat(25)
            + "=\",\"completion\":\"7;\"}\n",
        StandardOpenOption.APPEND);
  }

  private Path write(String extra) throws Exception {
    Path file = dir.resolve("run.yaml");
    Files.writeString(file, CONFIG + extra);
    return file;
  }

  @Test
  void everyTooLongExampleIsNamedWithFileLineAndTokensAndNothingIsCreated() throws Exception {
    Path file = write("");
    assertThatThrownBy(() -> RunConfig.read(file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(
            "sources[0] (clean-00): 2 of "
                + (cleanLines + 2)
                + " examples exceed the model's limit of 48 tokens: clean-00.jsonl:"
                + (cleanLines + 1)
                + " (63 tokens), clean-00.jsonl:"
                + (cleanLines + 2)
                + " (53 tokens); set data.truncate: true to cut them")
        .hasMessageNotContaining("noisy-00");
    assertThat(dir.resolve("runs")).doesNotExist();
    RunConfig t = RunConfig.read(write("data: {truncate: true}"));
    RunConfig refusing =
        new RunConfig(
            t.out(),
            t.seed(),
            t.sources(),
            t.target(),
            t.model(),
            t.lora(),
            t.train(),
            t.gradients(),
            t.estimate(),
            t.fineTune(),
            t.fidelity());
    assertThatThrownBy(
            () -> new LocalPipeline(refusing, file, Map.of(), ProgressListener.NONE).call())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("clean-00.jsonl:" + (cleanLines + 1) + " (63 tokens)");
    assertThat(dir.resolve("runs")).doesNotExist();
  }

  @Test
  void truncateAcceptsThemAndALowerMaxSeqLengthNamesItselfAndAHigherOneIsTheModels()
      throws Exception {
    RunConfig ok = RunConfig.read(write("data: {truncate: true}"));
    assertThat(ok.sequenceLimit().truncate()).isTrue();
    assertThat(ok.sequenceLimit().maxLength()).isZero();
    Path file = write("data: {maxSeqLength: 60}");
    assertThatThrownBy(() -> RunConfig.read(file))
        .hasMessageContaining(
            "2 of " + (cleanLines + 2) + " examples exceed the model's limit of 48 tokens");
    Path lower = write("data: {maxSeqLength: 20}");
    assertThatThrownBy(() -> RunConfig.read(lower))
        .hasMessageContaining("examples exceed data.maxSeqLength = 20 tokens")
        .hasMessageContaining("raise data.maxSeqLength (the model takes up to 48)");
    assertThatThrownBy(() -> RunConfig.read(write("data: {maxSeqLength: -1}")))
        .hasMessageContaining("data.maxSeqLength must be >= 0");
  }

  @Test
  void classificationRecordsForTheTinyDecoderAreNamedByFileAndLine() throws Exception {
    Files.writeString(dir.resolve("data/noisy-00.jsonl"), "{\"text\":\"1+1\",\"label\":1}\n");
    assertThatThrownBy(() -> RunConfig.read(write("")))
        .hasMessageContaining(
            "sources[1] (noisy-00): noisy-00.jsonl:1: a decoder needs \"prompt\"/\"completion\""
                + " records");
  }
}
