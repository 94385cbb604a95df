package dev.gradex.core.estimate;

/**
 * Cholesky factorisation and solves of a symmetric positive-definite matrix stored as a row-packed
 * lower triangle (row i holds columns 0..i at offset i(i+1)/2), the form in which the estimators
 * keep the Hessians H0 of Li et al., arXiv 2409.19458, stage 3. Rows are contiguous, so both the
 * factorisation and the solves run on inner products and axpys of contiguous slices.
 */
final class PackedCholesky {
  private PackedCholesky() {}

  static int packedSize(int d) {
    return d * (d + 1) / 2;
  }

  static int rowOffset(int i) {
    return i * (i + 1) / 2;
  }

  /**
   * Overwrites {@code a} (packed lower, d x d) with its Cholesky factor L (A = L L^T).
   *
   * @return false if A is not numerically positive definite
   */
  static boolean factor(double[] a, int d) {
    for (int i = 0; i < d; i++) {
      int ri = rowOffset(i);
      for (int j = 0; j < i; j++) {
        int rj = rowOffset(j);
        double s = a[ri + j] - LogisticMath.dot(a, ri, a, rj, j);
        a[ri + j] = s / a[rj + j];
      }
      double diag = a[ri + i] - LogisticMath.dot(a, ri, a, ri, i);
      if (!(diag > 0)) {
        return false;
      }
      a[ri + i] = Math.sqrt(diag);
    }
    return true;
  }

  /** Solves L L^T x = b in place ({@code b} becomes x), given the factor from {@link #factor}. */
  static void solve(double[] l, int d, double[] b) {
    for (int i = 0; i < d; i++) {
      int ri = rowOffset(i);
      b[i] = (b[i] - LogisticMath.dot(l, ri, b, 0, i)) / l[ri + i];
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
}
