package dev.gradex.core.linalg;

/**
 * Cholesky factorisation and solves of symmetric positive-definite matrices, in the two layouts the
 * algorithm keeps them in (Li et al., arXiv 2409.19458):
 *
 * <ul>
 *   <li>packed: a row-packed lower triangle (row i holds columns 0..i at offset i(i+1)/2), the form
 *       of the estimators' Hessians H0 (stage 3). Rows are contiguous, so the factorisation and the
 *       solves run on inner products and axpys of contiguous slices;
 *   <li>dense: a row-major n x n matrix, the small ridge-surrogate systems of stage 4.
 * </ul>
 *
 * The two keep their own summation orders, so every estimate and score stays bitwise as before.
 */
public final class Cholesky {
  private Cholesky() {}

  public static int packedSize(int d) {
    return d * (d + 1) / 2;
  }

  public static int rowOffset(int i) {
    return i * (i + 1) / 2;
  }

  /**
   * Overwrites {@code a} (packed lower, d x d) with its Cholesky factor L (A = L L^T).
   *
   * @return false if A is not numerically positive definite
   */
  public static boolean factorPacked(double[] a, int d) {
    for (int i = 0; i < d; i++) {
      int ri = rowOffset(i);
      for (int j = 0; j < i; j++) {
        int rj = rowOffset(j);
        double s = a[ri + j] - Vectors.dot(a, ri, a, rj, j);
        a[ri + j] = s / a[rj + j];
      }
      double diag = a[ri + i] - Vectors.dot(a, ri, a, ri, i);
      if (!(diag > 0)) {
        return false;
      }
      a[ri + i] = Math.sqrt(diag);
    }
    return true;
  }

  /**
   * Solves L L^T x = b in place ({@code b} becomes x), given the factor from {@link #factorPacked}.
   */
  public static void solvePacked(double[] l, int d, double[] b) {
    for (int i = 0; i < d; i++) {
      int ri = rowOffset(i);
      b[i] = (b[i] - Vectors.dot(l, ri, b, 0, i)) / l[ri + i];
    }
    // Back substitution column by column so that row i of L (contiguous) is read, not column i.
    for (int i = d - 1; i >= 0; i--) {
      int ri = rowOffset(i);
      double xi = b[i] / l[ri + i];
      b[i] = xi;
      for (int k = 0; k < i; k++) {
        b[k] -= l[ri + k] * xi;
      }
    }
  }

  /**
   * Solves {@code A x = b} for symmetric positive definite {@code A} (row-major n x n). {@code a}
   * is overwritten with its factor.
   */
  public static double[] solveDense(double[] a, double[] b, int n) {
    for (int j = 0; j < n; j++) {
      double d = a[j * n + j];
      for (int k = 0; k < j; k++) {
        d -= a[j * n + k] * a[j * n + k];
      }
      if (!(d > 0)) {
        throw new ArithmeticException("matrix not positive definite at column " + j);
      }
      double l = Math.sqrt(d);
      a[j * n + j] = l;
      for (int i = j + 1; i < n; i++) {
        double s = a[i * n + j];
        for (int k = 0; k < j; k++) {
          s -= a[i * n + k] * a[j * n + k];
        }
        a[i * n + j] = s / l;
      }
    }
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double s = b[i];
      for (int k = 0; k < i; k++) {
        s -= a[i * n + k] * y[k];
      }
      y[i] = s / a[i * n + i];
    }
    double[] x = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double s = y[i];
      for (int k = i + 1; k < n; k++) {
        s -= a[k * n + i] * x[k];
      }
      x[i] = s / a[i * n + i];
    }
    return x;
  }
}
