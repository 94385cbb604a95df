package dev.gradex.core.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gradex.core.linalg.Cholesky;
import org.junit.jupiter.api.Test;

class HessianAccumulatorTest {
  @Test
  void hessianAccumulatorMatchesDirectSumForOddRowCounts() {
    int m = 7;
    double[] packed = new double[Cholesky.packedSize(m)];
    HessianAccumulator acc = new HessianAccumulator(m, packed);
    double[][] direct = new double[m][m];
    for (int r = 0; r < 11; r++) {
      double[] z = acc.nextRow();
      for (int j = 0; j < m; j++) {
        z[j] = Math.sin(r * 7 + j);
      }
      double h = 0.1 * (r + 1);
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < m; j++) {
          direct[i][j] += h * z[i] * z[j];
        }
      }
      acc.commit(h);
    }
    acc.flush();
    for (int i = 0; i < m; i++) {
      for (int j = 0; j <= i; j++) {
        assertThat(packed[Cholesky.rowOffset(i) + j]).isCloseTo(direct[i][j], within(1e-13));
      }
    }
  }
}
