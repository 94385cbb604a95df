package dev.gradex.core.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DenseCholeskyTest {
  @Test
  void solvesKnownThreeByThreeSystem() {
    // A = [[4, 2, 0], [2, 5, 1], [0, 1, 3]], x = (1, -1, 2), b = A x.
    double[] a = {4, 2, 0, 2, 5, 1, 0, 1, 3};
    double[] x = Cholesky.solveDense(a, new double[] {2, -1, 5}, 3);
    assertThat(x).containsExactly(new double[] {1, -1, 2}, within(1e-12));
  }

  @Test
  void singularSemidefiniteMatrixIsRejectedNamingTheColumn() {
    assertThatThrownBy(() -> Cholesky.solveDense(new double[] {1, 1, 1, 1}, new double[] {1, 1}, 2))
        .isInstanceOf(ArithmeticException.class)
        .hasMessageContaining("column 1");
  }
}
