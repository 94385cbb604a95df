package dev.gradex.core.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PackedCholeskyTest {
  @Test
  void solvesKnownThreeByThreeSystem() {
    // A = [[4, 2, 2], [2, 5, 3], [2, 3, 6]], packed lower by rows.
    double[] a = {4, 2, 5, 2, 3, 6};
    assertThat(Cholesky.factorPacked(a, 3)).isTrue();
    // L = [[2], [1, 2], [1, 1, 2]].
    assertThat(a).containsExactly(new double[] {2, 1, 2, 1, 1, 2}, within(1e-15));
    double[] b = {8, 10, 11}; // A * (1, 1, 1)^T
    Cholesky.solvePacked(a, 3, b);
    assertThat(b).containsExactly(new double[] {1, 1, 1}, within(1e-14));
  }

  @Test
  void indefiniteMatrixIsReported() {
    double[] a = {1, 2, 1}; // [[1, 2], [2, 1]] has eigenvalue -1
    assertThat(Cholesky.factorPacked(a, 2)).isFalse();
  }

  @Test
  void singularSemidefiniteMatrixIsReported() {
    // [[1, 1], [1, 1]]: the second pivot is exactly 0, which no solve can divide by.
    assertThat(Cholesky.factorPacked(new double[] {1, 1, 1}, 2)).isFalse();
  }
}
