package dev.gradex.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Json;
import dev.gradex.core.estimate.EstimatorConfig;
import dev.gradex.core.progress.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
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

  private Path write(String text) throws Exception {
    Path file = dir.resolve("run.yaml");
    Files.writeString(file, text);
    return file;
  }

  /** Refused with one message naming the file and each of {@code named}; nothing written. */
  private AbstractThrowableAssert<?, ? extends Throwable> refused(Path file, String... named) {
    var a =
        assertThatThrownBy(() -> RunConfig.read(file))
            .isInstanceOf(InvalidInputException.class)
            .hasMessageStartingWith(file.toString());
    for (String n : named) {
      a.hasMessageContaining(n);
    }
    assertThat(dir.resolve("runs")).doesNotExist();
    return a;
  }

  @Test
  void aConfigurationWithoutSettingSectionsTakesTheCatalogDefaults() throws Exception {
    String minimal =
        VALID
            .lines()
            .filter(l -> !l.matches("(lora|train|gradients|estimate|fineTune): .*"))
            .collect(java.util.stream.Collectors.joining("\n"));
    RunConfig c = RunConfig.read(write(minimal));
    assertThat(c.lora()).isEqualTo(new RunConfig.Lora(8, 16.0, null));
    assertThat(c.train()).isEqualTo(new RunConfig.Training(3, 1e-3, 16, 0L, "random", 0, false));
    assertThat(c.fineTune()).isEqualTo(c.train());
    assertThat(c.gradients().dim()).isEqualTo(200);
    assertThat(c.gradients().batchSize()).isEqualTo(16);
    assertThat(c.estimate())
        .isEqualTo(new RunConfig.Estimate(1000, 0.5, "faithful", "best-prefix", 0.01, null));
  }

  @Test
  void theProjectionSeedIsReadUnderItsCatalogNameAndUnderItsOlderKey() throws Exception {
    assertThat(RunConfig.read(write(VALID.replace("seed: 0,", "seed: 11,"))).gradients().seed())
        .isEqualTo(11L);
    RunConfig renamed = RunConfig.read(write(VALID.replace("seed: 0,", "projectorSeed: 12,")));
    assertThat(renamed.gradients().seed()).isEqualTo(12L);
    assertThat(Json.YAML.writeValueAsString(renamed)).contains("projectorSeed: 12");
  }

  @Test
  void validConfigurationIsReadWithPathsRelativeToTheFile() throws Exception {
    Path file = write(VALID);
    RunConfig c = RunConfig.read(file);
    assertThat(c.sources())
        .extracting(RunConfig.SourceEntry::name)
        .containsExactly("clean-00", "noisy-00");
    assertThat(c.model().tiny().hidden()).isEqualTo(64);
    assertThat(c.estimate().select()).isEqualTo("best-prefix");
    assertThat(RunConfig.resolve(file, c.target().test()))
        .isEqualTo(dir.resolve("data/target-test.jsonl"));
    assertThat(dir.resolve("runs")).doesNotExist();
  }

  @Test
  void omittedOptionalSettingsTakeTheComponentsDefaults() throws Exception {
    RunConfig c =
        RunConfig.read(
            write(
                VALID
                    .replace(", batchSize: 16}", "}")
                    .replace(", alpha: 0.5, mode: faithful, select: best-prefix", "")));
    assertThat(c.train().batchSize()).isEqualTo(RunConfig.DEFAULT_BATCH_SIZE);
    assertThat(c.gradients().batchSize()).isEqualTo(RunConfig.DEFAULT_BATCH_SIZE);
    assertThat(c.gradients().chunkSize()).isEqualTo(2048);
    assertThat(c.estimate().alpha()).isEqualTo(0.5);
    assertThat(c.estimate().mode()).isEqualTo("faithful");
    assertThat(c.estimate().select()).isEqualTo("best-prefix");
    // The effective lambda, not null: the report shows the configuration as read.
    assertThat(c.estimate().lambda()).isEqualTo(EstimatorConfig.DEFAULT_LAMBDA);
    assertThat(c.estimate().normCap()).isNull();
  }

  @Test
  void normCapIsReadFromTheEstimateSection() throws Exception {
    RunConfig c =
        RunConfig.read(
            write(VALID.replace("select: best-prefix}", "select: best-prefix, normCap: 0.1}")));
    assertThat(c.estimate().normCap()).isEqualTo(0.1);
  }

  @Test
  void nonPositiveNormCapIsRefusedByTheEstimatorsOwnRules() throws Exception {
    refused(
        write(VALID.replace("select: best-prefix}", "select: best-prefix, normCap: -1}")),
        "estimate.normCap");
  }

  @Test
  void demoConfigurationPassesEveryCheck() {
    Path file = Demo.prepare(dir.resolve("demo"), 7);
    RunConfig c = RunConfig.read(file);
    assertThat(RunConfig.resolve(file, c.out())).isEqualTo(dir.resolve("demo"));
  }

  @Test
  void typeTagOrAliasInRunYamlIsRefusedNamingTheFile() throws Exception {
    refused(write("out: !!java.io.File [/etc]\n"), "YAML tag", "java.io.File");
    refused(write("out: &a x\nseed: *a\n"), "YAML alias *a is not allowed");
  }

  @Test
  void unknownKeyIsRefusedNamingIt() throws Exception {
    refused(write(VALID.replace("lora: {rank: 8", "lora: {rnak: 8")), "rnak");
  }

  @Test
  void missingFilesAndBadNumbersAreAllNamed() throws Exception {
    refused(
        write(VALID.replace("data/noisy-00.jsonl", "data/nope.jsonl").replace("dim: 64", "dim: 0")),
        "sources[1].path",
        "nope.jsonl",
        "gradients.dim must be >= 1 (got 0)");
  }

  @Test
  void emptySourceFileIsRefusedNamingTheSource() throws Exception {
    Files.writeString(dir.resolve("data/noisy-00.jsonl"), "");
    refused(write(VALID), "sources[1] (noisy-00)", "noisy-00.jsonl", "no records");
  }

  @Test
  void sourceOfOnlyBlankLinesIsRefusedNamingTheSource() throws Exception {
    Files.writeString(dir.resolve("data/noisy-00.jsonl"), "\n  \n\t\n");
    refused(write(VALID), "sources[1] (noisy-00)", "no records");
  }

  @Test
  void lineThatIsNotAJsonObjectIsRefusedNamingFileAndLine() throws Exception {
    Path f = dir.resolve("data/noisy-00.jsonl");
    List<String> lines = Files.readAllLines(f);
    lines.set(2, "[1, 2, 3]");
    Files.write(f, lines);
    refused(write(VALID), "sources[1] (noisy-00)", "noisy-00.jsonl:3", "JSON object");
  }

  @Test
  void recordWithoutTheLoadersFieldsIsRefusedNamingFileAndLine() throws Exception {
    Files.writeString(
        dir.resolve("data/clean-00.jsonl"),
        "{\"prompt\": \"1+1=\", \"completion\": \"2\"}\n{\"prompt\": \"2+2=\"}\n");
    refused(write(VALID), "sources[0] (clean-00)", "clean-00.jsonl:2", "\"completion\"");
  }

  @Test
  void sourceThatIsTheTargetsTrainingFileIsRefused() throws Exception {
    refused(
        write(VALID.replace("data/noisy-00.jsonl", "data/./target-train.jsonl")),
        "sources[1] (noisy-00)",
        "the same file as target.train");
  }

  @Test
  void sourceThatCopiesATargetSplitIsRefused() throws Exception {
    Files.copy(dir.resolve("data/target-validation.jsonl"), dir.resolve("data/copy.jsonl"));
    refused(
        write(VALID.replace("data/noisy-00.jsonl", "data/copy.jsonl")),
        "sources[1] (noisy-00)",
        "a byte-identical copy of target.validation");
  }

  @Test
  void sourceNamedLikeTheTargetIsRefused() throws Exception {
    refused(write(VALID.replace("name: noisy-00", "name: Target")), "sources[1].name 'Target'");
  }

  @Test
  void estimateAlphaOutsideTheUnitIntervalIsRefused() throws Exception {
    refused(write(VALID.replace("alpha: 0.5", "alpha: 1.5")), "estimate.alpha", "(0, 1]", "1.5");
    refused(write(VALID.replace("alpha: 0.5", "alpha: 0")), "estimate.alpha", "(0, 1]");
  }

  @Test
  void estimateAlphaThatPicksNoSourceIsRefusedNamingTheRunYamlField() throws Exception {
    // Two sources: floor(0.4 x 2) = 0. The sampler names the field alpha; run.yaml calls it
    // estimate.alpha, before any stage runs.
    Path file = write(VALID.replace("alpha: 0.5", "alpha: 0.4"));
    refused(file)
        .hasMessage(
            file
                + ": estimate.alpha: 0.4 picks floor(0.4 x 2) = 0 of 2 tasks, so no subset"
                + " holds a task: use at least 0.500000");
  }

  @Test
  void loraAlphaMustBePositive() throws Exception {
    refused(write(VALID.replace("alpha: 16", "alpha: -2")), "lora.alpha must be > 0 (got -2.0)");
  }

  @Test
  void learningRatesMustBePositive() throws Exception {
    refused(
        write(VALID.replace("learningRate: 0.003", "learningRate: 0")),
        "train.learningRate must be > 0 (got 0.0)",
        "fineTune.learningRate must be > 0 (got 0.0)");
  }

  @Test
  void batchSizesMustBeAtLeastOne() throws Exception {
    refused(
        write(VALID.replace("batchSize: 16", "batchSize: 0")),
        "train.batchSize must be >= 1 (got 0)",
        "gradients.batchSize must be >= 1 (got 0)",
        "fineTune.batchSize must be >= 1 (got 0)");
  }

  @Test
  void unknownEstimatorModeIsRefusedByTheEstimatorsOwnParser() throws Exception {
    refused(write(VALID.replace("mode: faithful", "mode: magic")), "estimate.mode", "'magic'");
  }

  @Test
  void badSelectionRuleIsRefusedByTheEstimatorsOwnParser() throws Exception {
    refused(
        write(VALID.replace("select: best-prefix", "select: top-k:x")),
        "estimate.select",
        "top-k:x");
  }

  @Test
  void outThatLeavesTheConfigurationsDirectoryIsRefused() throws Exception {
    refused(write(VALID.replace("out: runs/x", "out: runs/../../elsewhere")), "out 'runs/../");
    assertThat(dir.resolveSibling("elsewhere")).doesNotExist();
  }

  @Test
  void relativeInputThatLeavesTheConfigurationsDirectoryIsRefused() throws Exception {
    Path sub = Files.createDirectories(dir.resolve("sub"));
    Path file = sub.resolve("run.yaml");
    Files.writeString(
        file,
        VALID
            .replace("data/clean-00.jsonl", "../data/clean-00.jsonl")
            .replace(": data/", ": " + dir.resolve("data") + "/"));
    assertThatThrownBy(() -> RunConfig.read(file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("sources[0].path '../data/clean-00.jsonl' leaves " + sub);
  }

  @Test
  void absoluteInputsAnywhereAndAnAbsoluteOutInsideAreAllowed() throws Exception {
    Path sub = Files.createDirectories(dir.resolve("sub"));
    Path file = sub.resolve("run.yaml");
    Files.writeString(
        file,
        VALID
            .replace("out: runs/x", "out: " + sub.resolve("runs/x"))
            .replace(": data/", ": " + dir.resolve("data") + "/"));
    RunConfig c = RunConfig.read(file);
    assertThat(RunConfig.resolve(file, c.sources().get(0).path()))
        .isEqualTo(dir.resolve("data/clean-00.jsonl"));
  }

  @Test
  void everyProblemIsReportedInOneMessage() throws Exception {
    refused(
        write(
            VALID
                .replace("name: noisy-00", "name: target")
                .replace("alpha: 0.5", "alpha: 2")
                .replace("out: runs/x", "out: ../x")
                .replace("mode: faithful", "mode: magic")),
        "sources[1].name 'target'",
        "estimate.alpha",
        "out '../x'",
        "estimate.mode");
  }

  @Test
  void pipelineValidatesBeforeCreatingTheRunDirectory() throws Exception {
    Path file = write(VALID);
    RunConfig good = RunConfig.read(file);
    RunConfig bad =
        new RunConfig(
            good.out(),
            good.seed(),
            good.sources(),
            good.target(),
            good.model(),
            good.lora(),
            good.train(),
            good.gradients(),
            new RunConfig.Estimate(200, 1.5, null, null, null),
            good.fineTune());
    assertThatThrownBy(() -> new LocalPipeline(bad, file, Map.of(), ProgressListener.NONE).call())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("estimate.alpha");
    assertThat(dir.resolve("runs")).doesNotExist();
  }
}
