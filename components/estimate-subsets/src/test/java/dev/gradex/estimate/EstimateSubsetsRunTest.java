package dev.gradex.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.component.stage.StageManifest;
import dev.gradex.core.AtomicFiles;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.estimate.EstimatorConfig;
import dev.gradex.core.progress.ProgressEvent;
import dev.gradex.core.progress.ProgressListener;
import dev.gradex.core.synth.SyntheticProblem;
import dev.gradex.core.synth.SyntheticStores;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole run on a small synthetic store: 8 sources, so C(8, 4) = 70 subsets exist. */
class EstimateSubsetsRunTest {
  @TempDir static Path dir;
  static Path store;

  @BeforeAll
  static void writeStore() {
    store = dir.resolve("store");
    SyntheticStores.write(
        SyntheticProblem.builder()
            .setSeed(5)
            .setDim(8)
            .setExamples(320)
            .setTasks(8)
            .setHelpful(3)
            .build(),
        store,
        n -> {});
  }

  private static EstimateSubsetsResult run(
      String name, EstimatorConfig estimator, List<String> warned) throws Exception {
    return run(name, estimator, warned, EstimatorConfig.DEFAULT_NORM_CAP);
  }

  private static EstimateSubsetsResult run(
      String name, EstimatorConfig estimator, List<String> warned, double defaultNormCap)
      throws Exception {
    EstimateSubsetsConfig config =
        EstimateSubsetsConfig.builder()
            .setStore(store)
            .setOut(dir.resolve(name))
            .optSubsets(1000)
            .optEstimator(estimator)
            .optDefaultNormCap(defaultNormCap)
            .optFastPathSample(0)
            .optThreads(1)
            .build();
    ProgressListener listener =
        e -> {
          if (e instanceof ProgressEvent.Warning w) {
            warned.add(w.message());
          }
        };
    return new EstimateSubsetsRun(config, listener).call();
  }

  private static JsonNode selection(EstimateSubsetsResult r) throws Exception {
    return new ObjectMapper().readTree(r.out().resolve("selection.json").toFile());
  }

  @Test
  void fewerCombinationsThanSubsets_estimatesEachDistinctSubsetOnceAndSaysSo() throws Exception {
    EstimateSubsetsResult r = run("enumerated", EstimatorConfig.defaults(), new ArrayList<>());
    assertThat(Files.readAllLines(r.out().resolve("subsets.csv"))).hasSize(1 + 70);
    assertThat(r.statistics().subsets()).isEqualTo(70);
    JsonNode sampling = selection(r).path("sampling");
    assertThat(sampling.path("kind").asText()).isEqualTo("enumerated");
    assertThat(sampling.path("subsets").asInt()).isEqualTo(70);
    assertThat(sampling.path("requested").asInt()).isEqualTo(1000);
    assertThat(r.summary()).contains("enumerated all 70 = C(8, 4) subsets once each");
    // A second run with the same inputs is served from the outputs, with the same account.
    EstimateSubsetsResult again = run("enumerated", EstimatorConfig.defaults(), new ArrayList<>());
    assertThat(again.reused()).isTrue();
    assertThat(again.sampling()).isEqualTo(r.sampling());
  }

  @Test
  void aSourceInNoSampledSubset_isRefusedByNameAndWritesNothing() throws Exception {
    Path out = dir.resolve("unsampled");
    // 2 subsets of floor(0.25 * 8) = 2 sources each hold at most 4 of the 8 sources
    EstimateSubsetsConfig config =
        EstimateSubsetsConfig.builder()
            .setStore(store)
            .setOut(out)
            .optSubsets(2)
            .optAlpha(0.25)
            .optFastPathSample(0)
            .optThreads(1)
            .build();
    assertThatThrownBy(() -> new EstimateSubsetsRun(config, e -> {}).call())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("estimate.subsets: source(s) src-0")
        .hasMessageContaining("are in none of the 2 sampled subsets")
        .hasMessageContaining("raise estimate.subsets (--subsets)");
    for (String f : EstimateOutputs.FILES) {
      assertThat(out.resolve(f)).as("nothing that looks complete").doesNotExist();
    }
  }

  @Test
  void aWriteFailingAfterSelectionJson_leavesNoOutputFileAndTheRerunCompletes() throws Exception {
    Path out = dir.resolve("write-fails");
    // report.html is written after selection.json; a non-empty directory in its place makes the
    // rename fail as a full disk would at that point
    Files.createDirectories(out.resolve("report.html/in-the-way"));
    assertThatThrownBy(() -> run("write-fails", EstimatorConfig.defaults(), new ArrayList<>()))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("report.html");
    for (String f : EstimateOutputs.FILES) {
      if (!f.equals("report.html")) {
        assertThat(out.resolve(f)).as("nothing that looks complete").doesNotExist();
      }
    }
    assertThat(out.resolve(StageManifest.FILE)).doesNotExist();
    AtomicFiles.deleteTree(out.resolve("report.html"));
    EstimateSubsetsResult r = run("write-fails", EstimatorConfig.defaults(), new ArrayList<>());
    assertThat(r.out().resolve("selection.json")).exists();
  }

  @Test
  void selectionStatesTheEffectiveLambdaAndNormCapWhenDefaulted() throws Exception {
    EstimateSubsetsResult r = run("lambda", EstimatorConfig.defaults(), new ArrayList<>());
    assertThat(selection(r).path("lambda").asDouble()).isEqualTo(EstimatorConfig.DEFAULT_LAMBDA);
    assertThat(selection(r).path("normCap").asDouble()).isEqualTo(0.1);
    assertThat(r.statistics().meanRelativeNorm()).isLessThanOrEqualTo(0.1 + 1e-9);
  }

  @Test
  void defaultNormCapOff_leavesTheEstimatorUncapped() throws Exception {
    EstimateSubsetsResult r =
        run("uncapped", EstimatorConfig.defaults(), new ArrayList<>(), Double.NaN);
    assertThat(selection(r).path("normCap").isNull()).isTrue();
    // lambda 0.01 without a cap leaves the linear regime on this store, as on real data
    assertThat(r.statistics().meanRelativeNorm()).isGreaterThan(0.1);
  }

  @Test
  void aCapAtTheBound_isNotWarnedAboutForRounding() throws Exception {
    List<String> warned = new ArrayList<>();
    EstimateSubsetsResult r =
        run(
            "at-bound",
            EstimatorConfig.builder().optLambda(1e-4).optNormCap(LinearRegime.BOUND).build(),
            warned);
    assertThat(r.statistics().meanRelativeNorm()).isCloseTo(LinearRegime.BOUND, within(1e-6));
    assertThat(warned).isEmpty();
  }

  @Test
  void relativeNormAboveTheLinearRegimeBound_isWarnedInOutputAndSelection() throws Exception {
    List<String> warned = new ArrayList<>();
    EstimateSubsetsResult r =
        run("far", EstimatorConfig.builder().optLambda(1e-4).build(), warned, Double.NaN);
    assertThat(r.statistics().meanRelativeNorm()).isGreaterThan(LinearRegime.BOUND);
    assertThat(warned).singleElement().asString().contains("linear-regime bound");
    assertThat(selection(r).path("warnings").get(0).asText()).isEqualTo(warned.get(0));
    assertThat(r.summary()).contains("warning: mean relative norm");
  }

  @Test
  void relativeNormWithinTheBound_warnsNothing() throws Exception {
    List<String> warned = new ArrayList<>();
    EstimateSubsetsResult r =
        run("capped", EstimatorConfig.builder().optNormCap(0.1).build(), warned);
    assertThat(r.statistics().meanRelativeNorm()).isLessThanOrEqualTo(0.1 + 1e-9);
    assertThat(warned).isEmpty();
    assertThat(selection(r).path("warnings").size()).isZero();
    assertThat(selection(r).path("normCap").asDouble()).isEqualTo(0.1);
  }
}
