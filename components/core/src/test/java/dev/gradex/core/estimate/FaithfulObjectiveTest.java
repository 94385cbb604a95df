package dev.gradex.core.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gradex.core.store.ExampleBlock;
import dev.gradex.core.store.ExampleBlocks;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FaithfulObjectiveTest {
  // d = 7 (= 3 mod 4) and 7 rows per task exercise the unrolled loops' bounds and remainders and
  // the odd last row; with d = 3 mod 4 a loop bound off by one would read the next row's features.
  private static final int DIM = 7;

  @ParameterizedTest(name = "tokenWeighted={0}")
  @ValueSource(booleans = {false, true})
  void lossGradientAndCurvatureEqualDirectSumsOverTheExamples(boolean tokenWeighted) {
    ExampleBlocks blocks = SyntheticBlocks.create(31, DIM, 3, 7, 4, 0.8, true);
    int[] tasks = {0, 2, blocks.targetTask()};
    DenseLogistic dense = new DenseLogistic(blocks, new int[] {0, 2}, 0.3, tokenWeighted);
    double[] w = new Random(5).doubles(DIM, -1, 1).toArray();

    double[] grad = new double[DIM];
    double[] curvature = new double[tasks.length];
    double loss =
        new FaithfulObjective(blocks, 0.3, tokenWeighted)
            .evaluate(tasks, dense.totalWeight(), w, grad, curvature);

    assertThat(loss).isCloseTo(dense.loss(w), within(1e-12));
    assertThat(grad).containsExactly(dense.gradient(w), within(1e-12));
    for (int k = 0; k < tasks.length; k++) {
      assertThat(curvature[k])
          .as("task %d", tasks[k])
          .isCloseTo(curvature(blocks.block(tasks[k]), w, tokenWeighted), within(1e-12));
    }
  }

  /** sum over the block of a sigmoid(m) sigmoid(-m) at margin m = b + x.w. */
  private static double curvature(ExampleBlock block, double[] w, boolean tokenWeighted) {
    double sum = 0;
    for (int r = 0; r < block.rows(); r++) {
      double m = block.offsets()[r];
      for (int j = 0; j < DIM; j++) {
        m += block.features()[r * DIM + j] * w[j];
      }
      double p = 1 / (1 + Math.exp(-m));
      sum += (tokenWeighted ? block.tokens()[r] : 1) * p * (1 - p);
    }
    return sum;
  }
}
