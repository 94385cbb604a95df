package dev.gradex.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gradex.core.InvalidInputException;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StepwiseTest {
  /** Tasks 4, 6, 2, 0 help (in that order of strength); the others hurt. */
  @Test
  void maxSizeOfOneStopsAfterTheFirstAcceptedTask() {
    StepwisePath path =
        ForwardStepwise.builder().setLoss(LOSS).setCandidates(ALL).optMaxSize(1).build().run();
    assertThat(path.result()).hasSize(1);
  }

  private static final double[] EFFECTS = {-0.5, 0.2, -0.6, 0.1, -0.9, 0.05, -0.7, 0.3};

  private static final int[] ALL = IntStream.range(0, 8).toArray();

  /** base + sum of effects + 0.05 |S|^2: adding sources first helps, then hurts. */
  private static final SubsetLoss LOSS =
      tasks -> {
        assertThat(tasks).isSorted();
        double s = 2.0 + 0.05 * tasks.length * tasks.length;
        for (int t : tasks) {
          s += EFFECTS[t];
        }
        return s;
      };

  @Test
  void forwardAddsExactlyTheHelpfulTasksStrongestFirstThenStops() {
    StepwisePath path = ForwardStepwise.builder().setLoss(LOSS).setCandidates(ALL).build().run();

    assertThat(path.startLoss()).isCloseTo(2.0, within(1e-12));
    assertThat(path.order()).containsExactly(4, 6, 2, 0);
    assertThat(path.steps().stream().mapToDouble(StepwisePath.Step::loss).toArray())
        .containsExactly(new double[] {1.15, 0.6, 0.25, 0.1}, within(1e-12));
    assertThat(path.result()).containsExactly(0, 2, 4, 6);
    assertThat(path.finalLoss()).isCloseTo(0.1, within(1e-12));
    // Empty set, then rounds over 8, 7, 6, 5 candidates, then a failing round over 4.
    assertThat(path.evaluations()).isEqualTo(1 + 8 + 7 + 6 + 5 + 4);
  }

  @Test
  void forwardStopsAtMaxSize() {
    StepwisePath path =
        ForwardStepwise.builder().setLoss(LOSS).setCandidates(ALL).optMaxSize(2).build().run();
    assertThat(path.order()).containsExactly(4, 6);
    assertThat(path.evaluations()).isEqualTo(1 + 8 + 7);
  }

  @Test
  void forwardInParallelGivesTheSamePathAsSerial() {
    StepwisePath serial = ForwardStepwise.builder().setLoss(LOSS).setCandidates(ALL).build().run();
    StepwisePath threads =
        ForwardStepwise.builder().setLoss(LOSS).setCandidates(ALL).optParallelism(3).build().run();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      StepwisePath executor =
          ForwardStepwise.builder()
              .setLoss(LOSS)
              .setCandidates(ALL)
              .optExecutor(pool)
              .build()
              .run();
      assertThat(executor).isEqualTo(serial);
      assertThat(pool.isShutdown()).isFalse();
    } finally {
      pool.shutdownNow();
    }
    assertThat(threads.steps()).isEqualTo(serial.steps());
    assertThat(threads.evaluations()).isEqualTo(serial.evaluations());
  }

  @Test
  void backwardRemovesTheHarmfulTasksWorstFirstThenStops() {
    StepwisePath path =
        BackwardElimination.builder().setLoss(LOSS).setCandidates(ALL).build().run();

    assertThat(path.startLoss()).isCloseTo(2.0 - 2.05 + 3.2, within(1e-12));
    assertThat(path.order()).containsExactly(7, 1, 3, 5);
    assertThat(path.steps().stream().mapToDouble(StepwisePath.Step::loss).toArray())
        .containsExactly(new double[] {2.1, 1.25, 0.6, 0.1}, within(1e-12));
    assertThat(path.result()).containsExactly(0, 2, 4, 6);
    assertThat(path.evaluations()).isEqualTo(1 + 8 + 7 + 6 + 5 + 4);
  }

  @Test
  void backwardInParallelGivesTheSamePathAsSerial() {
    StepwisePath serial =
        BackwardElimination.builder().setLoss(LOSS).setCandidates(ALL).build().run();
    StepwisePath parallel =
        BackwardElimination.builder()
            .setLoss(LOSS)
            .setCandidates(ALL)
            .optParallelism(2)
            .build()
            .run();
    assertThat(parallel).isEqualTo(serial);
  }

  @Test
  void equalGainsGoToTheLowerTaskIndex() {
    SubsetLoss flat = tasks -> 1.0 - 0.1 * Math.min(tasks.length, 1);
    StepwisePath path =
        ForwardStepwise.builder().setLoss(flat).setCandidates(new int[] {5, 2, 9}).build().run();
    assertThat(path.order()).containsExactly(2);
  }

  @Test
  void nothingHelpsMeansAnEmptyPathAfterOneRound() {
    AtomicInteger calls = new AtomicInteger();
    SubsetLoss rising =
        tasks -> {
          calls.incrementAndGet();
          return tasks.length;
        };
    StepwisePath path = ForwardStepwise.builder().setLoss(rising).setCandidates(ALL).build().run();
    assertThat(path.steps()).isEmpty();
    assertThat(path.result()).isEmpty();
    assertThat(path.evaluations()).isEqualTo(9).isEqualTo(calls.get());
  }

  @Test
  void missingLossAndCandidatesAreReportedTogether() {
    assertThatThrownBy(() -> ForwardStepwise.builder().optMaxSize(0).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("setLoss")
        .hasMessageContaining("setCandidates")
        .hasMessageContaining("optMaxSize(0)");
  }

  @Test
  void withAndWithoutKeepSubsetsSorted() {
    assertThat(StepwiseSearch.with(new int[] {1, 4, 7}, 5)).containsExactly(1, 4, 5, 7);
    assertThat(StepwiseSearch.with(new int[0], 3)).containsExactly(3);
    assertThat(StepwiseSearch.without(new int[] {1, 4, 7}, 4)).containsExactly(1, 7);
    assertThat(Arrays.equals(StepwiseSearch.with(new int[] {2}, 0), new int[] {0, 2})).isTrue();
  }
}
