package dev.gradex.core.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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
  void seedFourGivesTheSameRolesAndRowsAsWhenThisTestWasWritten() {
    // Stores in benchmarks and bug reports are named by their seed; the stream must not drift.
    SyntheticProblem p = problem(4);
    assertThat(p.seed()).isEqualTo(4);
    assertThat(java.util.stream.IntStream.range(0, 10).mapToObj(p::role))
        .containsExactly(
            TaskRole.NEUTRAL,
            TaskRole.HELPFUL,
            TaskRole.NOISY,
            TaskRole.HELPFUL,
            TaskRole.NOISY,
            TaskRole.NOISY,
            TaskRole.NOISY,
            TaskRole.NEUTRAL,
            TaskRole.NEUTRAL,
            TaskRole.HELPFUL);
    assertRow(p.trainRow(517), 4, "src-004/517", -0.710137, 33, 0.0044396855, -0.011879367);
    assertRow(p.trainRow(0), 10, "target/0", 0.109083556, 4, 0.025133103, Double.NaN);
    assertRow(p.validationRow(3), 10, "validation/3", 0.5835954, 31, -0.035211664, 0.051133793);
  }

  private static void assertRow(
      SyntheticProblem.Row row,
      int task,
      String id,
      double offset,
      int tokens,
      double first,
      double last) {
    assertThat(row.task()).isEqualTo(task);
    assertThat(row.id()).isEqualTo(id);
    assertThat(row.offset()).isCloseTo((float) offset, within(1e-6f));
    assertThat(row.tokens()).isEqualTo(tokens);
    assertThat(row.features()[0]).isCloseTo((float) first, within(1e-7f));
    if (!Double.isNaN(last)) {
      assertThat(row.features()[15]).isCloseTo((float) last, within(1e-7f));
    }
  }

  @Test
  void rowsFollowTheDocumentedGenerativeModel() {
    double signal = 0.2;
    double noise = 0.3;
    SyntheticProblem p =
        SyntheticProblem.builder()
            .setSeed(9)
            .setDim(16)
            .setExamples(12_000)
            .setTasks(4)
            .setHelpful(2)
            .optTargetExamples(3_000)
            .optValidationExamples(3_000)
            .optSignal(signal)
            .optNoise(noise)
            .build();
    HeapExampleBlocks blocks = p.toBlocks();
    // Means are known to within noise / sqrt(3000) ~ 0.005.
    for (int t = 0; t < 4; t++) {
      assertThat(norm(mean(blocks.block(t)))).as("task %d", t).isCloseTo(signal, within(0.01));
      assertThat(rmsDistanceToMean(blocks.block(t))).isCloseTo(noise, within(0.01));
    }
    double[] target = mean(blocks.block(4));
    assertThat(norm(target)).isCloseTo(SyntheticProblem.TARGET_TRAIN_SIGNAL * signal, within(0.01));
    // The class Javadoc gives validation rows the mean signal * u, but validationRow() draws them
    // around the target-training mean (validationMean is computed and unused): only the direction
    // is pinned here until that is settled, since fixing it changes every synthetic store.
    assertThat(cosine(mean(blocks.validation()), target)).isGreaterThan(0.9);

    double sum = 0;
    double squares = 0;
    int minTokens = Integer.MAX_VALUE;
    int maxTokens = 0;
    for (int i = 0; i < p.trainRows(); i++) {
      SyntheticProblem.Row row = p.trainRow(i);
      sum += row.offset();
      squares += row.offset() * row.offset();
      minTokens = Math.min(minTokens, row.tokens());
      maxTokens = Math.max(maxTokens, row.tokens());
    }
    double offsetMean = sum / p.trainRows();
    assertThat(offsetMean).isCloseTo(-0.2, within(0.02));
    assertThat(Math.sqrt(squares / p.trainRows() - offsetMean * offsetMean))
        .isCloseTo(0.5, within(0.02));
    assertThat(minTokens).isEqualTo(1);
    assertThat(maxTokens).isEqualTo(64);
  }

  @Test
  void blocksHoldTheSameValidationRowsAsValidationRow() {
    SyntheticProblem p = problem(4);
    ExampleBlock v = p.toBlocks().validation();
    for (int i : new int[] {0, 1, 99}) {
      assertThat(Arrays.copyOfRange(v.features(), i * 16, i * 16 + 16))
          .isEqualTo(p.validationRow(i).features());
    }
  }

  @Test
  void unevenSplitGivesTheFirstTasksOneRowMoreAfterTheTargetRows() {
    SyntheticProblem p = problem(4); // 1003 rows over 10 tasks: 101, 101, 101, then 100 each
    assertThat(p.trainRow(49).task()).isEqualTo(10);
    assertThat(p.trainRow(150).task()).isZero();
    assertThat(p.trainRow(151).task()).isEqualTo(1);
    assertThat(p.trainRow(352).task()).isEqualTo(2);
    assertThat(p.trainRow(353).task()).isEqualTo(3);
    assertThat(p.trainRow(1052).task()).isEqualTo(9);
    HeapExampleBlocks blocks = p.toBlocks();
    assertThat(java.util.stream.IntStream.range(0, 11).map(blocks::rows))
        .containsExactly(101, 101, 101, 100, 100, 100, 100, 100, 100, 100, 50);
    assertThat(blocks.validation().rows()).isEqualTo(p.validationRows());
  }

  @Test
  void defaultSizesFollowTheExampleCountAndExplicitOnesWin() {
    assertThat(problem(4).validationRows()).isEqualTo(100); // 1003 / 20 clamped up to 100
    assertThat(sized(100_000, -1, 0).validationRows()).isEqualTo(2000); // 0 means the default
    assertThat(sized(60_000, -1, -1).validationRows()).isEqualTo(2000);
    assertThat(sized(40_000, -1, -1).validationRows()).isEqualTo(2000);
    assertThat(sized(30_000, -1, -1).validationRows()).isEqualTo(1500);
    assertThat(sized(30_000, -1, 7).validationRows()).isEqualTo(7);
    // Target rows default to half a source task; 0 is a valid explicit choice.
    assertThat(sized(30_000, -1, 7).trainRows()).isEqualTo(30_000 + 1500);
    assertThat(sized(30_000, 0, 7).trainRows()).isEqualTo(30_000);
    assertThat(sized(30_000, 0, 7).trainRow(0).task()).isZero();
  }

  private static SyntheticProblem sized(int examples, int targetExamples, int validation) {
    return SyntheticProblem.builder()
        .setSeed(1)
        .setDim(4)
        .setExamples(examples)
        .setTasks(10)
        .setHelpful(3)
        .optTargetExamples(targetExamples)
        .optValidationExamples(validation)
        .build();
  }

  private static SyntheticProblem.Builder edge(int dim, int examples, int tasks, int helpful) {
    return SyntheticProblem.builder()
        .setSeed(1)
        .setDim(dim)
        .setExamples(examples)
        .setTasks(tasks)
        .setHelpful(helpful);
  }

  @Test
  void smallestAndLargestValidSettingsAreAccepted() {
    assertThat(edge(1, 1, 1, 0).optNoise(0).build().trainRows()).isEqualTo(2);
    assertThat(edge(1, 1, 1, 1).build().role(0)).isEqualTo(TaskRole.HELPFUL);
    assertThat(edge(3, 3, 3, 3).optSignal(Double.MIN_VALUE).build().dim()).isEqualTo(3);
    // examples x dim may reach exactly 4 * Integer.MAX_VALUE (the limit of the store's offsets).
    assertThat(edge(4, Integer.MAX_VALUE, 1, 0).optTargetExamples(0).build().trainRows())
        .isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void eachSettingJustOutsideItsRangeIsRejectedByName() {
    assertThatThrownBy(() -> edge(0, 5, 1, 0).build())
        .hasMessage("synthetic problem: dim must be >= 1 (got 0)");
    assertThatThrownBy(() -> edge(1, 5, 0, 0).build())
        .hasMessage("synthetic problem: tasks must be >= 1 (got 0)");
    assertThatThrownBy(
            () ->
                SyntheticProblem.builder()
                    .setDim(1)
                    .setExamples(5)
                    .setTasks(5)
                    .setHelpful(1)
                    .build())
        .hasMessage("synthetic problem: seed is required");
    assertThatThrownBy(() -> edge(1, 4, 5, 0).build())
        .hasMessage(
            "synthetic problem: examples must be >= 1 and >= the number of tasks, 5 (got 4)");
    assertThatThrownBy(() -> edge(1, 5, 5, -1).build())
        .hasMessage("synthetic problem: helpful must be in [0, 5], the number of tasks (got -1)");
    assertThatThrownBy(() -> edge(1, 5, 5, 6).build())
        .hasMessage("synthetic problem: helpful must be in [0, 5], the number of tasks (got 6)");
    assertThatThrownBy(() -> edge(1, 5, 5, 1).optSignal(0).build())
        .hasMessageContaining("signal must be > 0");
    assertThatThrownBy(() -> edge(1, 5, 5, 1).optNoise(-Double.MIN_VALUE).build())
        .hasMessageContaining("noise >= 0");
    assertThatThrownBy(() -> edge(1, 5, 5, 1).optSignal(Double.POSITIVE_INFINITY).build())
        .hasMessageContaining("both finite");
    assertThatThrownBy(() -> edge(1, 5, 5, 1).optNoise(Double.POSITIVE_INFINITY).build())
        .hasMessageContaining("both finite");
    assertThatThrownBy(() -> edge(5, Integer.MAX_VALUE, 1, 0).build())
        .hasMessage(
            "synthetic problem: examples x dim = 2147483647 x 5 is too large"
                + " (at most 4 x (2^31 - 1))");
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
        .hasMessage(
            "synthetic problem: dim must be >= 1 (got 0);"
                + " examples must be >= 1 and >= the number of tasks, 10 (got 5);"
                + " helpful must be in [0, 10], the number of tasks (got 11)")
        .hasMessageNotContaining("--");
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

  private static double norm(double[] v) {
    return Math.sqrt(Arrays.stream(v).map(x -> x * x).sum());
  }

  /** Root mean square of ||x - mean|| over the block's rows. */
  private static double rmsDistanceToMean(ExampleBlock b) {
    double[] m = mean(b);
    double sum = 0;
    for (int i = 0; i < b.rows(); i++) {
      for (int k = 0; k < b.dim(); k++) {
        double e = b.features()[i * b.dim() + k] - m[k];
        sum += e * e;
      }
    }
    return Math.sqrt(sum / b.rows());
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
