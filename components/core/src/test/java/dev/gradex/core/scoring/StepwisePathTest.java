package dev.gradex.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StepwisePathTest {
  private static StepwisePath path(double start, int task, int[] result, int evaluations) {
    return new StepwisePath(start, List.of(new StepwisePath.Step(task, 0.5)), result, evaluations);
  }

  @Test
  void pathsAreEqualByContentAndDifferInEveryField() {
    StepwisePath a = path(1.0, 2, new int[] {2}, 7);
    StepwisePath same = path(1.0, 2, new int[] {2}, 7);
    assertThat(a).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo("not a path");
    assertThat(a)
        .isNotEqualTo(path(1.5, 2, new int[] {2}, 7))
        .isNotEqualTo(path(1.0, 3, new int[] {2}, 7))
        .isNotEqualTo(path(1.0, 2, new int[] {3}, 7))
        .isNotEqualTo(path(1.0, 2, new int[] {2}, 8));
    assertThat(a.toString()).startsWith("StepwisePath[startLoss=1.0").contains("result=[2]");
    assertThat(a.result()).containsExactly(2);
  }
}
