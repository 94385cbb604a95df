package dev.gradex.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.cli.bench.sweep.FinishedRun;
import dev.gradex.cli.bench.sweep.LambdaSweep;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.estimate.EstimatorConfig;
import dev.gradex.core.estimate.EstimatorMode;
import dev.gradex.core.estimate.SubsetEstimator;
import dev.gradex.core.estimate.SubsetEstimators;
import dev.gradex.core.progress.ProgressListener;
import dev.gradex.core.store.GradientStore;
import dev.gradex.core.synth.SyntheticProblem;
import dev.gradex.core.synth.SyntheticStores;
import dev.gradex.estimate.EstimateSubsetsConfig;
import dev.gradex.estimate.EstimateSubsetsResult;
import dev.gradex.estimate.EstimateSubsetsRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A finished run whose "measured" f(S) are the estimator's own fhat(S) at lambda 1: the sweep must
 * find perfect fidelity there and not elsewhere, and norms that shrink as lambda grows.
 */
class LambdaSweepTest {
  @TempDir static Path dir;
  private static Path run;
  private static EstimateSubsetsResult stage;
  private static final List<List<String>> SUBSETS =
      List.of(
          List.of(),
          List.of("src-000"),
          List.of("src-001", "src-004"),
          List.of("src-002", "src-003", "src-005"),
          List.of("src-000", "src-001", "src-002", "src-003", "src-004", "src-005"));

  @BeforeAll
  static void finishedRun() throws Exception {
    run = dir.resolve("run");
    SyntheticProblem problem =
        SyntheticProblem.builder()
            .setSeed(5)
            .setDim(16)
            .setExamples(700)
            .setTasks(6)
            .setHelpful(2)
            .build();
    SyntheticStores.write(problem, run.resolve("gradients"), n -> {});
    EstimatorConfig lambda1 = EstimatorConfig.builder().optLambda(1.0).optSeed(3).build();
    stage =
        new EstimateSubsetsRun(
                EstimateSubsetsConfig.builder()
                    .setStore(run.resolve("gradients"))
                    .setOut(run.resolve("estimate"))
                    .optSubsets(20)
                    .optSeed(3)
                    .optEstimator(lambda1)
                    .optDefaultNormCap(Double.NaN)
                    .build(),
                ProgressListener.NONE)
            .call();
    List<Map<String, Object>> points = new ArrayList<>();
    try (GradientStore store = GradientStore.open(run.resolve("gradients"))) {
      EstimatorConfig withAdapter =
          lambda1.withAdapter(
              store.manifest().parameterLayout().parameterCount(), store.manifest().adapterNorm());
      SubsetEstimator est =
          SubsetEstimators.over(store.blocks(1L << 26), withAdapter).create(EstimatorMode.FAITHFUL);
      List<List<String>> subsets = new ArrayList<>(SUBSETS);
      subsets.add(stage.selected());
      for (int i = 0; i < subsets.size(); i++) {
        int[] idx = subsets.get(i).stream().mapToInt(store.taskNames()::indexOf).sorted().toArray();
        double fhat = est.estimate(idx).estimatedLoss();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", "p" + i);
        p.put("kind", "sampled subset");
        p.put("members", subsets.get(i));
        p.put("estimatedLoss", fhat);
        p.put("measuredLoss", fhat);
        points.add(p);
      }
    }
    Files.writeString(
        run.resolve("fidelity.json"),
        new ObjectMapper().writeValueAsString(Map.of("points", points)));
  }

  @Test
  void atTheLambdaTheMeasurementsCameFromFidelityIsPerfectAndTheSelectionIsFoundMeasured()
      throws Exception {
    List<LambdaSweep.Setting> s =
        new LambdaSweep(FinishedRun.read(run), dir.resolve("work1"), 1)
            .sweep(List.of(1.0, 0.01), List.of(Double.NaN));
    assertThat(s).hasSize(2);
    LambdaSweep.Setting at1 = s.get(0);
    assertThat(at1.points()).isEqualTo(6);
    assertThat(at1.spearman()).isEqualTo(1.0);
    assertThat(at1.spearmanMultiSource()).isEqualTo(1.0);
    assertThat(at1.relativeRss()).isEqualTo(0.0);
    assertThat(at1.meanRelativeError()).isEqualTo(0.0);
    assertThat(at1.selected()).isEqualTo(stage.selected());
    assertThat(at1.selectedEstimate()).isCloseTo(stage.selectedLoss(), within(1e-12));
    assertThat(at1.selectedMeasured()).isCloseTo(stage.selectedLoss(), within(1e-12));
    assertThat(at1.meanRelativeNorm())
        .isCloseTo(stage.statistics().meanRelativeNorm(), within(1e-12));
    FinishedRun finished = FinishedRun.read(run);
    assertThat(LambdaTable.reproduction(finished, s)).isEqualTo(0.0);
    assertThat(LambdaTable.render(finished, s))
        .contains("reproduces fidelity.json's fhat within 0.0")
        .contains("| 1.00 | none | 1.000 | 1.000 | 1.000 | 0.00 | 0.00 |");
    LambdaSweep.Setting at001 = s.get(1);
    assertThat(at001.relativeRss()).isGreaterThan(0.0);
    assertThat(at001.meanRelativeNorm()).isGreaterThan(10 * at1.meanRelativeNorm());
  }

  @Test
  void aNormCapBoundsTheRelativeNormOfEveryFidelityEstimate() throws Exception {
    FinishedRun finished = FinishedRun.read(run);
    double uncapped =
        new LambdaSweep(finished, dir.resolve("work2"), 1)
            .sweep(List.of(0.01), List.of(Double.NaN))
            .get(0)
            .fidelityMeanRelativeNorm();
    double cap = uncapped / 4;
    LambdaSweep.Setting capped =
        new LambdaSweep(finished, dir.resolve("work2"), 1)
            .sweep(List.of(0.01), List.of(cap))
            .get(0);
    assertThat(capped.normCap()).isEqualTo(cap);
    assertThat(capped.fidelityMeanRelativeNorm()).isLessThanOrEqualTo(cap * (1 + 1e-9));
    assertThat(capped.meanRelativeNorm()).isLessThanOrEqualTo(cap * (1 + 1e-9));
    assertThat(Files.isDirectory(dir.resolve("work2").resolve(LambdaSweep.name(0.01, cap))))
        .isTrue();
  }

  @Test
  void aRunWithoutFidelityJsonIsRefusedNamingWhatIsMissing(@TempDir Path empty) {
    assertThatThrownBy(() -> FinishedRun.read(empty))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(
            "missing estimate/manifest.json, fidelity.json, gradients/manifest.json");
  }

  @Test
  void aFidelityPointWithASourceTheStoreLacksIsRefusedNamingIt(@TempDir Path copy)
      throws Exception {
    Path other = copy.resolve("run");
    copyTree(run, other);
    String json = Files.readString(other.resolve("fidelity.json"));
    Files.writeString(other.resolve("fidelity.json"), json.replaceFirst("src-000", "src-999"));
    assertThatThrownBy(
            () ->
                new LambdaSweep(FinishedRun.read(other), copy.resolve("w"), 1)
                    .sweep(List.of(1.0), List.of(Double.NaN)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("fidelity.json: p1: source src-999 is not in the gradient store");
  }

  @Test
  void fewerThanThreeFidelityPointsAreRefused(@TempDir Path copy) throws Exception {
    Path other = copy.resolve("run");
    copyTree(run, other);
    Files.writeString(other.resolve("fidelity.json"), "{\"points\": []}");
    assertThatThrownBy(() -> FinishedRun.read(other))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageEndingWith("0 point(s); a rank correlation needs at least 3 (fidelity.subsets)");
  }

  @Test
  void theEstimateSettingsAreReadFromItsTypedManifest() {
    FinishedRun.Settings s = FinishedRun.read(run).estimate();
    assertThat(s.subsets()).isEqualTo(20);
    assertThat(s.seed()).isEqualTo(3);
    assertThat(s.lambda()).isEqualTo(1.0);
    assertThat(s.normCap()).isNaN();
    assertThat(s.select()).isEqualTo(EstimateSubsetsConfig.Defaults.SELECT);
  }

  @Test
  void anEstimateManifestOfTheUntypedFormat1IsRefusedNamingIt(@TempDir Path copy) throws Exception {
    Path other = copy.resolve("run");
    copyTree(run, other);
    Path manifest = other.resolve("estimate/manifest.json");
    Files.writeString(
        manifest,
        Files.readString(manifest).replace("\"formatVersion\" : 2", "\"formatVersion\" : 1"));
    assertThatThrownBy(() -> FinishedRun.read(other))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(manifest.toString())
        .hasMessageContaining("version 1 was written by an older GradEx");
  }

  private static void copyTree(Path from, Path to) throws java.io.IOException {
    try (java.util.stream.Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path t = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(t);
        } else {
          Files.copy(f, t);
        }
      }
    }
  }

  @Test
  void normCapsAreNoneOrPositiveNumbers() {
    assertThat(BenchLambdaCommand.caps(List.of("none", "0.1", " 0.3")))
        .containsExactly(Double.NaN, 0.1, 0.3);
    assertThatThrownBy(() -> BenchLambdaCommand.caps(List.of("0")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("--norm-caps: '0' is neither none nor a number > 0");
  }
}
