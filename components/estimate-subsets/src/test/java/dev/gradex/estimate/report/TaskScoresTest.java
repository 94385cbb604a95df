package dev.gradex.estimate.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskScoresTest {
  private static Map<String, Object> selection(Map<String, Object> rule, List<String> selected) {
    return Map.of(
        "rule",
        rule,
        "selected",
        selected,
        "ranking",
        List.of(
            Map.of("task", "a", "score", 0.50),
            Map.of("task", "b", "score", 0.54),
            Map.of("task", "c", "score", 0.60)));
  }

  @Test
  void aPrefixRuleCutsMidwayBetweenTheLastSelectedAndTheFirstRejectedScore() {
    TaskScores s = TaskScores.of(selection(Map.of("kind", "best-prefix"), List.of("a", "b")));
    assertThat(s.tasks()).containsExactly("a", "b", "c");
    assertThat(s.selected()).containsExactly(true, true, false);
    assertThat(s.threshold()).isCloseTo(0.57, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(s.rule()).isEqualTo("best-prefix: the first 2 of 3 ranked sources");
  }

  @Test
  void theThresholdRuleDrawsItsOwnThreshold() {
    TaskScores s =
        TaskScores.of(selection(Map.of("kind", "threshold", "maxScore", 0.55), List.of("a", "b")));
    assertThat(s.threshold()).isEqualTo(0.55);
    assertThat(s.rule()).startsWith("threshold (maxScore 0.55)");
  }

  @Test
  void belowMeanDrawsItsLineAtTheMeanScoreNotBetweenTwoBars() {
    // Mean of 0.50, 0.54, 0.60 is 0.54666...: a and b are below it. Midway would be 0.57.
    double mean = (0.50 + 0.54 + 0.60) / 3;
    TaskScores s =
        TaskScores.of(selection(Map.of("kind", "below-mean", "maxScore", mean), List.of("a", "b")));
    assertThat(s.threshold()).isEqualTo(mean);
    assertThat(s.rule()).isEqualTo("below-mean (maxScore 0.5467): the 2 of 3 with score < 0.5467");
  }

  @Test
  void stepwiseSelectionsAndEmptySelectionsHaveNoThreshold() {
    assertThat(TaskScores.of(selection(Map.of("kind", "forward"), List.of("c"))).threshold())
        .isNull();
    TaskScores none = TaskScores.of(selection(Map.of("kind", "top-k", "k", 0), List.of()));
    assertThat(none.threshold()).isNull();
    assertThat(none.rule()).contains("none selected");
    assertThat(TaskScores.of(selection(Map.of("kind", "top-k", "k", 3), List.of("a", "b", "c"))))
        .extracting(TaskScores::threshold)
        .isEqualTo(0.60);
  }
}
