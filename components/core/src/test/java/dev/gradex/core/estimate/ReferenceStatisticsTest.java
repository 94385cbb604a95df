package dev.gradex.core.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gradex.core.linalg.Cholesky;
import dev.gradex.core.store.ExampleBlock;
import dev.gradex.core.store.ExampleBlocks;
import org.junit.jupiter.api.Test;

class ReferenceStatisticsTest {
  @Test
  void hessianAtZeroIsIdentityPlusCOverFourTimesTheSumOfZZTransposed() {
    int d = 3;
    // 7 rows per task: the accumulator's row pairs and its odd last row both occur.
    ExampleBlocks blocks = SyntheticBlocks.create(8, d, 3, 7, 4, 0.7, false);
    ReferenceLabels draw = new ReferenceLabels(5, 0.7);
    ReferenceStatistics stats = ReferenceStatistics.compute(blocks, draw);
    int[] tasks = {0, 2};
    double c = 0.8;

    double[][] expected = new double[d + 1][d + 1];
    for (int t : tasks) {
      ExampleBlock b = blocks.block(t);
      for (int r = 0; r < b.rows(); r++) {
        assertThat(stats.labels(t)[r]).isEqualTo((byte) draw.label(t, r));
        double[] z = new double[d + 1];
        for (int j = 0; j < d; j++) {
          z[j] = b.features()[r * d + j];
        }
        z[d] = draw.label(t, r) == 1 ? 1 : -1;
        for (int i = 0; i <= d; i++) {
          for (int j = 0; j <= d; j++) {
            expected[i][j] += c / 4 * z[i] * z[j];
          }
        }
      }
    }
    double[] h = stats.hessianAtZero(tasks, c);
    assertThat(h).hasSize(Cholesky.packedSize(d + 1));
    for (int i = 0; i <= d; i++) {
      for (int j = 0; j <= i; j++) {
        assertThat(h[Cholesky.rowOffset(i) + j])
            .as("(%d, %d)", i, j)
            .isCloseTo(expected[i][j] + (i == j ? 1 : 0), within(1e-12));
      }
    }
  }
}
