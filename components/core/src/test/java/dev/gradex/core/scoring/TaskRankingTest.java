package dev.gradex.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TaskRankingTest {
  @Test
  void ranksAscendingByScoreWithTiesByTaskIndex() {
    TaskRanking r = TaskRanking.of(new int[] {9, 3, 5, 1}, new double[] {0.2, 0.1, 0.2, 0.3});
    assertThat(r.tasks()).containsExactly(3, 5, 9, 1);
    assertThat(r.scores()).containsExactly(0.1, 0.2, 0.2, 0.3);
    assertThat(r.prefix(2)).containsExactly(3, 5);
  }

  @Test
  void ofScoresSkipsNaN() {
    TaskRanking r = TaskRanking.ofScores(new double[] {0.5, Double.NaN, 0.4});
    assertThat(r.tasks()).containsExactly(2, 0);
  }

  @Test
  void nonFiniteScoreIsRejectedNamingTheTask() {
    assertThatThrownBy(() -> TaskRanking.of(new int[] {4, 7}, new double[] {0.5, Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("task 7 has score NaN");
  }

  @Test
  void ranksReadBackOneByOneAndPrintBestFirst() {
    TaskRanking r = TaskRanking.of(new int[] {4, 7, 1}, new double[] {0.5, -1.0, 0.25});
    assertThat(r.task(0)).isEqualTo(7);
    assertThat(r.task(2)).isEqualTo(4);
    assertThat(r).hasToString("TaskRanking[7=-1.0, 1=0.25, 4=0.5]");
  }

  @Test
  void duplicateTaskIsRejected() {
    assertThatThrownBy(() -> TaskRanking.of(new int[] {1, 1}, new double[] {0, 1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("task 1 ranked twice");
  }
}
