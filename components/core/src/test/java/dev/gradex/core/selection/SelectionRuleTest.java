package dev.gradex.core.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.scoring.SubsetLoss;
import dev.gradex.core.scoring.TaskRanking;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SelectionRuleTest {
  /** Ranked 1, 3, 0, 5, 2, 4 (1 and 3 tie at 0.3; index breaks the tie). */
  private static final TaskRanking RANKING =
      TaskRanking.ofScores(new double[] {0.5, 0.3, 0.7, 0.3, 0.9, 0.6});

  /** Tasks 1, 3, 0 each lower the loss by 0.2; tasks 5, 2, 4 each raise it by 0.3. */
  private static final SubsetLoss LOSS =
      tasks -> {
        assertThat(tasks).isSorted();
        double s = 1.0;
        for (int t : tasks) {
          s += Set.of(0, 1, 3).contains(t) ? -0.2 : 0.3;
        }
        return s;
      };

  @Test
  void thresholdSelectsTasksWithScoreAtMostTheValue() {
    assertThat(new SelectionRule.Threshold(0.5).select(RANKING).tasks()).containsExactly(1, 3, 0);
    assertThat(new SelectionRule.Threshold(0.29).select(RANKING).tasks()).isEmpty();
  }

  @Test
  void topKSelectsTheBestK() {
    assertThat(new SelectionRule.TopK(2).select(RANKING).tasks()).containsExactly(1, 3);
  }

  @Test
  void topKAboveTheRankedCountIsAnErrorNamingIt() {
    assertThatThrownBy(() -> new SelectionRule.TopK(7).select(RANKING))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("select: \"top-k:7\" asks for 7 tasks but only 6 are ranked");
  }

  @Test
  void topRatioRoundsUp() {
    // ceil(0.3 * 6) = 2, ceil(0.34 * 6) = 3, ratio 1 keeps all.
    assertThat(new SelectionRule.TopRatio(0.3).select(RANKING).tasks()).containsExactly(1, 3);
    assertThat(new SelectionRule.TopRatio(0.34).select(RANKING).tasks()).containsExactly(1, 3, 0);
    assertThat(new SelectionRule.TopRatio(1).select(RANKING).tasks()).hasSize(6);
  }

  @Test
  void bestPrefixPicksThePrefixWithTheKnownMinimumLoss() {
    Selection s = new SelectionRule.BestPrefix().select(RANKING, LOSS);
    assertThat(s.tasks()).containsExactly(1, 3, 0);
    assertThat(s.prefixLosses().stream().mapToDouble(Double::doubleValue).toArray())
        .containsExactly(new double[] {1.0, 0.8, 0.6, 0.4, 0.7, 1.0, 1.3}, within(1e-12));
  }

  @Test
  void bestPrefixPrefersTheShorterPrefixOnTies() {
    Selection s = new SelectionRule.BestPrefix().select(RANKING, tasks -> 1.0);
    assertThat(s.tasks()).isEmpty();
    assertThat(s.prefixLosses()).hasSize(7);
  }

  @Test
  void bestPrefixWithoutALossIsRefused() {
    assertThatThrownBy(() -> new SelectionRule.BestPrefix().select(RANKING))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void belowMeanKeepsTasksScoredBelowTheMeanAndRecordsTheThreshold() {
    // Mean of {0.5, 0.3, 0.7, 0.3, 0.9, 0.6} = 3.3 / 6 = 0.55: tasks 1, 3 (0.3) and 0 (0.5).
    Selection s = new SelectionRule.BelowMean().select(RANKING);
    assertThat(s.tasks()).containsExactly(1, 3, 0);
    assertThat((Double) s.rule().get("maxScore")).isCloseTo(0.55, within(1e-12));
    assertThat(s.rule().get("kind")).isEqualTo("below-mean");
    // All scores equal: nothing is strictly below the mean.
    assertThat(
            new SelectionRule.BelowMean()
                .select(TaskRanking.ofScores(new double[] {1, 1, 1}))
                .tasks())
        .isEmpty();
  }

  @Test
  void rulesAtTheEdgesOfTheirRanges() {
    // Threshold includes a score equal to it; top-k may take every ranked task; top-ratio 1 too.
    assertThat(new SelectionRule.Threshold(0.3).select(RANKING).tasks()).containsExactly(1, 3);
    assertThat(new SelectionRule.TopK(6).select(RANKING).tasks()).hasSize(6);
    assertThat(new SelectionRule.TopK(1).select(RANKING).tasks()).containsExactly(1);
    assertThat(RuleParser.parse("top-ratio:1").select(RANKING).tasks()).hasSize(6);
    assertThatThrownBy(() -> new SelectionRule.TopK(0)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new SelectionRule.TopRatio(0))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void thresholdAboveEveryScoreSelectsEveryRankedTask() {
    assertThat(new SelectionRule.Threshold(5).select(RANKING).tasks()).hasSize(6);
  }

  @Test
  void belowMeanLeavesOutATaskScoredExactlyAtTheMean() {
    TaskRanking r = TaskRanking.ofScores(new double[] {0.5, 0.25, 0.75}); // mean exactly 0.5
    Selection s = new SelectionRule.BelowMean().select(r);
    assertThat(s.tasks()).containsExactly(1);
    assertThat(s.rule()).containsEntry("maxScore", 0.5);
  }

  @Test
  void bestPrefixOfAnEmptyRankingIsTheEmptySelection() {
    Selection s =
        new SelectionRule.BestPrefix().select(TaskRanking.ofScores(new double[0]), tasks -> 1.0);
    assertThat(s.tasks()).isEmpty();
    assertThat(s.prefixLosses()).containsExactly(1.0);
    assertThat(s.taskArray()).isEmpty();
  }

  @Test
  void describeNamesTheKindAndItsValue() {
    assertThat(new SelectionRule.Threshold(0.4).describe())
        .containsExactly(entry("kind", "threshold"), entry("maxScore", 0.4));
    assertThat(new SelectionRule.TopRatio(0.3).describe())
        .containsExactly(entry("kind", "top-ratio"), entry("ratio", 0.3));
    assertThat(new SelectionRule.TopK(2).describe())
        .containsExactly(entry("kind", "top-k"), entry("k", 2));
  }

  @Test
  void parseReadsEveryCommandLineForm() {
    assertThat(SelectionRule.parse("threshold:0.52")).isEqualTo(new SelectionRule.Threshold(0.52));
    assertThat(SelectionRule.parse("top-k:10")).isEqualTo(new SelectionRule.TopK(10));
    assertThat(SelectionRule.parse(" top-ratio:0.3 ")).isEqualTo(new SelectionRule.TopRatio(0.3));
    assertThat(SelectionRule.parse("best-prefix")).isEqualTo(new SelectionRule.BestPrefix());
    assertThat(SelectionRule.parse("below-mean")).isEqualTo(new SelectionRule.BelowMean());
  }

  @Test
  void textRoundTripsThroughParse() {
    for (String text :
        new String[] {"threshold:-0.25", "top-k:3", "top-ratio:0.5", "best-prefix", "below-mean"}) {
      assertThat(SelectionRule.parse(text).text()).isEqualTo(text);
    }
  }

  @Test
  void parseErrorsNameTheFieldAndTheValue() {
    for (String bad :
        new String[] {
          "top-k:x",
          "top-k:0",
          "top-k:-3",
          "top-ratio:1.5",
          "top-ratio:0",
          "threshold:",
          "threshold:abc",
          "best-prefix:2",
          "median",
          ""
        }) {
      assertThatThrownBy(() -> SelectionRule.parse(bad))
          .as(bad)
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining(bad.isEmpty() ? "empty rule" : "\"" + bad + "\"")
          .extracting(e -> ((InvalidInputException) e).subject())
          .isEqualTo("select");
    }
  }

  @Test
  void selectionSerialisesToJsonWithTheRuleKindFirst() throws Exception {
    String json = new ObjectMapper().writeValueAsString(new SelectionRule.TopK(2).select(RANKING));
    assertThat(json)
        .isEqualTo(
            "{\"tasks\":[1,3],\"rule\":{\"kind\":\"top-k\",\"k\":2}," + "\"prefixLosses\":[]}");
  }

  @Test
  void bestPrefixJsonCarriesThePrefixLosses() throws Exception {
    String json =
        new ObjectMapper()
            .writeValueAsString(new SelectionRule.BestPrefix().select(RANKING, tasks -> 1.5));
    assertThat(json)
        .isEqualTo(
            "{\"tasks\":[],\"rule\":{\"kind\":\"best-prefix\"},"
                + "\"prefixLosses\":[1.5,1.5,1.5,1.5,1.5,1.5,1.5]}");
  }
}
