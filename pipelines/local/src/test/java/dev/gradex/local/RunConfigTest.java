package dev.gradex.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunConfigTest {
  @TempDir Path dir;

  private static final String VALID =
      String.join(
          "\n",
          "out: runs/x",
          "seed: 7",
          "sources:",
          "  - {name: clean-00, path: data/clean-00.jsonl}",
          "  - {name: noisy-00, path: data/noisy-00.jsonl}",
          "target: {train: data/target-train.jsonl, validation: data/target-validation.jsonl,"
              + " test: data/target-test.jsonl}",
          "model: {tiny: {alphabet: '0123456789+=;', hidden: 64, layers: 2, heads: 4, context:"
              + " 48, pretrainEpochs: 0}}",
          "lora: {rank: 8, alpha: 16}",
          "train: {epochs: 2, learningRate: 0.003, batchSize: 16}",
          "gradients: {dim: 64, seed: 0, batchSize: 16}",
          "estimate: {subsets: 200, alpha: 0.5, mode: faithful, select: best-prefix}",
          "fineTune: {epochs: 2, learningRate: 0.003, batchSize: 16}",
          "");

  @BeforeEach
  void data() {
    new ArithmeticSources(1, 1, 1, 0, 5, 5, 5).write(dir.resolve("data"));
  }

  @Test
  void validConfigurationIsReadWithPathsRelativeToTheFile() throws Exception {
    Path file = dir.resolve("run.yaml");
    Files.writeString(file, VALID);
    RunConfig c = RunConfig.read(file);
    assertThat(c.sources())
        .extracting(RunConfig.SourceEntry::name)
        .containsExactly("clean-00", "noisy-00");
    assertThat(c.model().tiny().hidden()).isEqualTo(64);
    assertThat(c.estimate().select()).isEqualTo("best-prefix");
    assertThat(RunConfig.resolve(file, c.target().test()))
        .isEqualTo(dir.resolve("data/target-test.jsonl"));
  }

  @Test
  void unknownKeyIsRefusedNamingIt() throws Exception {
    Path file = dir.resolve("run.yaml");
    Files.writeString(file, VALID.replace("lora: {rank: 8", "lora: {rnak: 8"));
    assertThatThrownBy(() -> RunConfig.read(file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("rnak");
  }

  @Test
  void missingFilesAndBadNumbersAreAllNamed() throws Exception {
    Path file = dir.resolve("run.yaml");
    Files.writeString(
        file, VALID.replace("data/noisy-00.jsonl", "data/nope.jsonl").replace("dim: 64", "dim: 0"));
    assertThatThrownBy(() -> RunConfig.read(file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("sources[1].path")
        .hasMessageContaining("nope.jsonl")
        .hasMessageContaining("gradients.dim must be > 0");
  }
}
