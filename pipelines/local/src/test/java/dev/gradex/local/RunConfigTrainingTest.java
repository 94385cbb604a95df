package dev.gradex.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.core.InvalidInputException;
import dev.gradex.model.cli.ThreadOptions;
import dev.gradex.model.train.Batching;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training-cost settings of run.yaml: step budget, batching, evaluation batch size, engine
 * threads, and the end-of-sequence setting.
 */
class RunConfigTrainingTest {
  @TempDir Path dir;

  private static String config(String train, String fineTune, String extra) {
    return String.join(
        "\n",
        "out: runs/x",
        "seed: 7",
        "sources:",
        "  - {name: clean-00, path: data/clean-00.jsonl}",
        "target: {train: data/target-train.jsonl, validation: data/target-validation.jsonl,"
            + " test: data/target-test.jsonl}",
        "model: {tiny: {alphabet: '0123456789+=;', hidden: 64, layers: 2, heads: 4, context:"
            + " 48, pretrainEpochs: 0}}",
        "lora: {rank: 8, alpha: 16}",
        "train: {epochs: 2, learningRate: 0.003" + train + "}",
        "gradients: {dim: 64, seed: 0, batchSize: 16}",
        "estimate: {subsets: 200, alpha: 1.0, mode: faithful, select: best-prefix}", // one source
        "fineTune: {epochs: 2, learningRate: 0.003" + fineTune + "}",
        extra,
        "");
  }

  @BeforeEach
  void data() {
    new ArithmeticSources(1, 1, 1, 0, 5, 5, 5).write(dir.resolve("data"));
  }

  private Path write(String text) throws Exception {
    Path file = dir.resolve("run.yaml");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void absentBudgetBatchingAndThreadsTakeTheDefaults() throws Exception {
    RunConfig c = RunConfig.read(write(config("", "", "")));
    assertThat(c.train().maxSteps()).isZero();
    assertThat(c.fineTune().batching()).isEqualTo("random").isEqualTo(Batching.DEFAULT.id());
    // Not given: the components' defaults apply (ThreadOptions.DEFAULT_THREADS).
    assertThat(c.runtimeSettings().threads()).isNull();
    assertThat(c.runtimeSettings().interopThreads()).isNull();
    assertThat(ThreadOptions.DEFAULT_THREADS).isEqualTo(1);
  }

  @Test
  void budgetBatchingAndThreadsAreRead() throws Exception {
    RunConfig c =
        RunConfig.read(
            write(
                config(
                    ", batching: random",
                    ", maxSteps: 120",
                    "runtime: {threads: 2, interopThreads: 1}")));
    assertThat(c.fineTune().maxSteps()).isEqualTo(120);
    assertThat(c.train().batching()).isEqualTo("random");
    assertThat(c.runtimeSettings().threads()).isEqualTo(2);
    assertThat(c.runtimeSettings().interopThreads()).isEqualTo(1);
  }

  @Test
  void negativeMaxStepsUnknownBatchingAndNegativeThreadsAreAllRefusedByField() throws Exception {
    Path file =
        write(
            config(
                ", maxSteps: -1",
                ", batching: sorted",
                "runtime: {threads: -2, interopThreads: -1}"));
    assertThatThrownBy(() -> RunConfig.read(file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(file.toString())
        .hasMessageContaining("train.maxSteps must be >= 0 (got -1)")
        .hasMessageContaining("fineTune.batching: 'sorted' is not a batching mode")
        .hasMessageContaining("runtime.threads must be >= 0 (got -2)")
        .hasMessageContaining("runtime.interopThreads must be >= 0 (got -1)");
    assertThat(dir.resolve("runs")).doesNotExist();
  }

  @Test
  void evalBatchSizeDefaultsToZeroAndIsReadPerSection() throws Exception {
    RunConfig d = RunConfig.read(write(config("", "", "")));
    assertThat(d.train().evalBatchSize()).isZero();
    assertThat(d.fineTune().evalBatchSize()).isZero();
    RunConfig c = RunConfig.read(write(config(", evalBatchSize: 4", ", evalBatchSize: 64", "")));
    assertThat(c.train().evalBatchSize()).isEqualTo(4);
    assertThat(c.fineTune().evalBatchSize()).isEqualTo(64);
  }

  @Test
  void recomputeDefaultsToOffAndIsReadPerSection() throws Exception {
    RunConfig d = RunConfig.read(write(config("", "", "")));
    assertThat(d.train().recompute()).isFalse();
    assertThat(d.fineTune().recompute()).isFalse();
    RunConfig c = RunConfig.read(write(config(", recompute: true", "", "")));
    assertThat(c.train().recompute()).isTrue();
    assertThat(c.fineTune().recompute()).isFalse();
  }

  @Test
  void appendEosDefaultsToTrueAndFalseReachesTheSequenceLimit() throws Exception {
    assertThat(RunConfig.read(write(config("", "", ""))).sequenceLimit().appendEos()).isTrue();
    RunConfig off = RunConfig.read(write(config("", "", "data: {appendEos: false}")));
    assertThat(off.data().appendEos()).isFalse();
    assertThat(off.sequenceLimit().appendEos()).isFalse();
  }

  @Test
  void aNegativeEvalBatchSizeOrANonBooleanAppendEosIsRefusedByField() throws Exception {
    Path file = write(config(", evalBatchSize: -1", ", evalBatchSize: -3", ""));
    assertThatThrownBy(() -> RunConfig.read(file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(file.toString())
        .hasMessageContaining("train.evalBatchSize must be >= 0 (got -1)")
        .hasMessageContaining("fineTune.evalBatchSize must be >= 0 (got -3)");
    Path bad = write(config("", "", "data: {appendEos: maybe}"));
    assertThatThrownBy(() -> RunConfig.read(bad))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("appendEos");
    assertThat(dir.resolve("runs")).doesNotExist();
  }
}
