package dev.gradex.core.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.core.InvalidInputException;
import dev.gradex.core.store.ExampleBlock;
import dev.gradex.core.store.HeapExampleBlocks;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SyntheticProblemTest {
  private static SyntheticProblem problem(long seed) {
    return SyntheticProblem.builder()
        .setSeed(seed)
        .setDim(16)
        .setExamples(1003)
        .setTasks(10)
        .setHelpful(3)
        .build();
  }

  @Test
  void sameSeedGivesIdenticalRowsAndOtherSeedDoesNot() {
    assertThat(problem(4).trainRow(517).features()).isEqualTo(problem(4).trainRow(517).features());
    assertThat(problem(4).trainRow(517).features())
        .isNotEqualTo(problem(5).trainRow(517).features());
  }

  @Test
  void rolesArePlantedInTheRequestedNumbers() {
    SyntheticProblem p = problem(4);
    long helpful = count(p, TaskRole.HELPFUL);
    long noisy = count(p, TaskRole.NOISY);
    assertThat(helpful).isEqualTo(3);
    assertThat(noisy).isEqualTo(4); // half of the other 7, rounded up
    assertThat(count(p, TaskRole.NEUTRAL)).isEqualTo(3);
  }

  @Test
  void helpfulMeansAlignWithTheTargetAndNoisyOnesOppose() {
    SyntheticProblem p = problem(4);
    HeapExampleBlocks blocks = p.toBlocks();
    double[] target = mean(blocks.validation());
    for (int t = 0; t < 10; t++) {
      double cos = cosine(mean(blocks.block(t)), target);
      switch (p.role(t)) {
        case HELPFUL -> assertThat(cos).isGreaterThan(0.6);
        case NOISY -> assertThat(cos).isLessThan(-0.6);
        case NEUTRAL -> assertThat(Math.abs(cos)).isLessThan(0.3);
      }
    }
  }

  @Test
  void blocksHoldEveryRowOnceGroupedByTask() {
    SyntheticProblem p = problem(4);
    HeapExampleBlocks blocks = p.toBlocks();
    int rows = 0;
    for (int t = 0; t < blocks.taskNames().size(); t++) {
      rows += blocks.rows(t);
    }
    assertThat(rows).isEqualTo(p.trainRows());
    assertThat(p.trainRows()).isEqualTo(1003 + 50); // sources + target's half task
    assertThat(blocks.taskNames().get(blocks.targetTask())).isEqualTo("target");
    ExampleBlock first = blocks.block(0);
    SyntheticProblem.Row row = p.trainRow(50); // first source row follows the target's rows
    assertThat(row.task()).isZero();
    assertThat(Arrays.copyOfRange(first.features(), 0, 16)).isEqualTo(row.features());
  }

  @Test
  void invalidSettingsAreAllReportedAtOnce() {
    assertThatThrownBy(
            () ->
                SyntheticProblem.builder()
                    .setSeed(1)
                    .setDim(0)
                    .setExamples(5)
                    .setTasks(10)
                    .setHelpful(11)
                    .build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("--dim")
        .hasMessageContaining("--examples")
        .hasMessageContaining("--helpful");
  }

  private static long count(SyntheticProblem p, TaskRole role) {
    return java.util.stream.IntStream.range(0, 10).filter(t -> p.role(t) == role).count();
  }

  private static double[] mean(ExampleBlock b) {
    double[] m = new double[b.dim()];
    for (int i = 0; i < b.rows(); i++) {
      for (int k = 0; k < b.dim(); k++) {
        m[k] += b.features()[i * b.dim() + k] / b.rows();
      }
    }
    return m;
  }

  private static double cosine(double[] a, double[] b) {
    double ab = 0, aa = 0, bb = 0;
    for (int k = 0; k < a.length; k++) {
      ab += a[k] * b[k];
      aa += a[k] * a[k];
      bb += b[k] * b[k];
    }
    return ab / Math.sqrt(aa * bb);
  }
}
