package dev.gradex.core.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.core.store.ExampleBlock;
import dev.gradex.core.store.ExampleBlocks;
import dev.gradex.core.store.HeapExampleBlocks;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubsetTasksTest {
  private static final ExampleBlock ONE_ROW =
      new ExampleBlock(1, 1, new float[] {1}, new float[] {0}, new int[] {1});

  private static ExampleBlocks blocks(int target) {
    return new HeapExampleBlocks(
        List.of("t0", "t1", "t2"), List.of(ONE_ROW, ONE_ROW, ONE_ROW), ONE_ROW, target);
  }

  @Test
  void targetAtIndexZeroIsStillAppended() {
    assertThat(SubsetTasks.withTarget(new int[] {2, 1}, blocks(0))).containsExactly(2, 1, 0);
    assertThat(SubsetTasks.withTarget(new int[] {2, 1}, blocks(-1))).containsExactly(2, 1);
  }

  @Test
  void indexEqualToTheTaskCountIsOutOfRange() {
    assertThatThrownBy(() -> SubsetTasks.withTarget(new int[] {3}, blocks(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("task index 3 out of range [0, 3)");
    assertThatThrownBy(() -> SubsetTasks.withTarget(new int[] {-1}, blocks(-1)))
        .hasMessage("task index -1 out of range [0, 3)");
  }
}
