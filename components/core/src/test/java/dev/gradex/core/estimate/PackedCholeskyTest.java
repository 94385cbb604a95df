package dev.gradex.core.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PackedCholeskyTest {
  @Test
  void solvesKnownThreeByThreeSystem() {
    // A = [[4, 2, 2], [2, 5, 3], [2, 3, 6]], packed lower by rows.
    double[] a = {4, 2, 5, 2, 3, 6};
    assertThat(PackedCholesky.factor(a, 3)).isTrue();
    // L = [[2], [1, 2], [1, 1, 2]].
    assertThat(a).containsExactly(new double[] {2, 1, 2, 1, 1, 2}, within(1e-15));
    double[] b = {8, 10, 11}; // A * (1, 1, 1)^T
    PackedCholesky.solve(a, 3, b);
    assertThat(b).containsExactly(new double[] {1, 1, 1}, within(1e-14));
  }

  @Test
  void indefiniteMatrixIsReported() {
    double[] a = {1, 2, 1}; // [[1, 2], [2, 1]] has eigenvalue -1
    assertThat(PackedCholesky.factor(a, 2)).isFalse();
  }

  @Test
  void singularSemidefiniteMatrixIsReported() {
    // [[1, 1], [1, 1]]: the second pivot is exactly 0, which no solve can divide by.
    assertThat(PackedCholesky.factor(new double[] {1, 1, 1}, 2)).isFalse();
  }

  @Test
  void hessianAccumulatorMatchesDirectSumForOddRowCounts() {
    int m = 7;
    double[] packed = new double[PackedCholesky.packedSize(m)];
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
        assertThat(packed[PackedCholesky.rowOffset(i) + j]).isCloseTo(direct[i][j], within(1e-13));
      }
    }
  }
}
