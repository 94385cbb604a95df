package dev.gradex.core.estimate;

import dev.gradex.core.linalg.Cholesky;

/**
 * Accumulates sum_k h_k z_k z_k^T into a row-packed lower triangle (the Hessians of Li et al.,
 * arXiv 2409.19458, stage 3). Rows are buffered four at a time so that each pass over the packed
 * matrix applies four rank-one updates: the matrix is read and written a quarter as often, and the
 * inner loop is a plain double loop the JIT vectorises.
 */
final class HessianAccumulator {
  private static final int BATCH = 4;

  private final int m;
  private final double[] target;
  private final double[][] rows;
  private final double[][] scaled;
  private int pending;

  /**
   * @param m dimension of the z vectors
   * @param target packed lower triangle of size m(m+1)/2 to add into
   */
  HessianAccumulator(int m, double[] target) {
    this.m = m;
    this.target = target;
    this.rows = new double[BATCH][m];
    this.scaled = new double[BATCH][m];
  }

  /** The buffer to fill with the next z; call {@link #commit} afterwards. */
  double[] nextRow() {
    return rows[pending];
  }

  /** Adds h z z^T for the z just written into {@link #nextRow()}. */
  void commit(double h) {
    double[] z = rows[pending];
    double[] u = scaled[pending];
    for (int j = 0; j < m; j++) {
      u[j] = h * z[j];
    }
    if (++pending == BATCH) {
      flush();
    }
  }

  /** Applies the buffered rows; call once after the last {@link #commit}. */
  void flush() {
    switch (pending) {
      case 4 -> apply4();
      case 3, 2, 1 -> {
        for (int k = 0; k < pending; k++) {
          apply1(scaled[k], rows[k]);
        }
      }
      default -> {}
    }
    pending = 0;
  }

  private void apply4() {
    double[] u0 = scaled[0];
    double[] u1 = scaled[1];
    double[] u2 = scaled[2];
    double[] u3 = scaled[3];
    double[] z0 = rows[0];
    double[] z1 = rows[1];
    double[] z2 = rows[2];
    double[] z3 = rows[3];
    double[] h = target;
    for (int i = 0; i < m; i++) {
      int ri = Cholesky.rowOffset(i);
      double a0 = u0[i];
      double a1 = u1[i];
      double a2 = u2[i];
      double a3 = u3[i];
      for (int j = 0; j <= i; j++) {
        h[ri + j] += a0 * z0[j] + a1 * z1[j] + a2 * z2[j] + a3 * z3[j];
      }
    }
  }

  private void apply1(double[] u, double[] z) {
    for (int i = 0; i < m; i++) {
      int ri = Cholesky.rowOffset(i);
      double a = u[i];
      for (int j = 0; j <= i; j++) {
        target[ri + j] += a * z[j];
      }
    }
  }
}
