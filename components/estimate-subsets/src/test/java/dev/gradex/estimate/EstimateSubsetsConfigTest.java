package dev.gradex.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.core.InvalidInputException;
import dev.gradex.core.estimate.EstimatorConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EstimateSubsetsConfigTest {
  @Test
  void everyBadOptionIsNamedInOneMessage() {
    assertThatThrownBy(
            () ->
                EstimateSubsetsConfig.builder()
                    .setStore(Path.of("s"))
                    .optSubsets(0)
                    .optAlpha(1.5)
                    .optScoring("vote")
                    .build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("--out is required")
        .hasMessageContaining("--subsets must be >= 1 (got 0)")
        .hasMessageContaining("--alpha must be in (0, 1] (got 1.5)")
        .hasMessageContaining("--scoring");
  }

  @Test
  void unknownModeAndBadRuleAreNamedByBuildBeforeAnyRun() {
    assertThatThrownBy(
            () ->
                EstimateSubsetsConfig.builder()
                    .setStore(Path.of("s"))
                    .setOut(Path.of("o"))
                    .optMode("magic")
                    .optSelect("top-k:x")
                    .build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("--mode: unknown estimator 'magic'")
        .hasMessageContaining("--select: \"top-k:x\"");
    assertThat(EstimateSubsetsConfig.alphaProblem(1)).isNull();
    assertThat(EstimateSubsetsConfig.alphaProblem(0)).contains("(0, 1]");
    assertThat(EstimateSubsetsConfig.modeProblem("one-newton")).isNull();
    assertThat(EstimateSubsetsConfig.selectProblem("backward")).isNull();
  }

  @Test
  void settingsLeaveOutThreadsAndPaths() {
    EstimateSubsetsConfig a =
        EstimateSubsetsConfig.builder()
            .setStore(Path.of("s"))
            .setOut(Path.of("o1"))
            .optThreads(1)
            .build();
    EstimateSubsetsConfig b =
        EstimateSubsetsConfig.builder()
            .setStore(Path.of("s"))
            .setOut(Path.of("o2"))
            .optThreads(8)
            .build();
    assertThat(a.settings()).isEqualTo(b.settings());
    assertThat(a.settings().alpha()).isEqualTo(0.5);
    assertThat(a.settings().subsets()).isEqualTo(1000);
    assertThat(a.settings().defaultNormCap()).isEqualTo(EstimatorConfig.DEFAULT_NORM_CAP);
  }

  @Test
  void selectionPlanReadsRulesAndStepwiseSearches() {
    assertThat(SelectionPlan.parse("forward").isStepwise()).isTrue();
    assertThat(SelectionPlan.parse("backward").stepwise()).isEqualTo("backward");
    assertThat(SelectionPlan.parse("top-k:3").text()).isEqualTo("top-k:3");
    // The plan speaks the core's field name; the command renames it to --select.
    assertThatThrownBy(() -> SelectionPlan.parse("sideways"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("select: \"sideways\": unknown rule \"sideways\"");
  }
}
