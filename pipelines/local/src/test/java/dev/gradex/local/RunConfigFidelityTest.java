package dev.gradex.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run configuration's {@code fidelity} section: default, explicit, off, refused. */
class RunConfigFidelityTest {
  @TempDir Path dir;

  private Path config(String fidelityLine) throws Exception {
    new ArithmeticSources(1, 1, 1, 0, 5, 5, 5).write(dir.resolve("data"));
    Path file = dir.resolve("run.yaml");
    Files.writeString(
        file,
        String.join(
            "\n",
            "out: runs/x",
            "seed: 7",
            "sources: [{name: clean-00, path: data/clean-00.jsonl}]",
            "target: {train: data/target-train.jsonl, validation: data/target-validation.jsonl,"
                + " test: data/target-test.jsonl}",
            "model: {tiny: {alphabet: '0123456789+=;', hidden: 16, layers: 1, heads: 2, context:"
                + " 48, pretrainEpochs: 0}}",
            "lora: {rank: 8, alpha: 16}",
            "train: {epochs: 2, learningRate: 0.003, batchSize: 16}",
            "gradients: {dim: 64, seed: 0, batchSize: 16}",
            "estimate: {subsets: 20, alpha: 1.0}", // one source: alpha 0.5 would pick none
            "fineTune: {epochs: 2, learningRate: 0.003, batchSize: 16}",
            fidelityLine,
            ""));
    return file;
  }

  @Test
  void fidelitySubsetsDefaultToFiveAndZeroTurnsTheCheckOff() throws Exception {
    assertThat(RunConfig.read(config("")).fidelitySubsets())
        .isEqualTo(RunConfig.DEFAULT_FIDELITY_SUBSETS)
        .isEqualTo(5);
    assertThat(RunConfig.read(config("fidelity: {subsets: 7}")).fidelitySubsets()).isEqualTo(7);
    assertThat(RunConfig.read(config("fidelity: {subsets: 0}")).fidelitySubsets()).isZero();
  }

  @Test
  void aNegativeCountIsRefusedNamingTheField() throws Exception {
    Path file = config("fidelity: {subsets: -1}");
    assertThatThrownBy(() -> RunConfig.read(file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("fidelity.subsets must be >= 0");
  }

  @Test
  void theShortConstructorLeavesFidelityAtItsDefault() {
    RunConfig c = new RunConfig("o", 1, List.of(), null, null, null, null, null, null, null);
    assertThat(c.fidelity()).isEqualTo(new RunConfig.Fidelity(5));
    assertThat(c.fidelitySubsets()).isEqualTo(5);
  }
}
