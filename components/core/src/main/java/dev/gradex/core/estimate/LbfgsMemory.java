package dev.gradex.core.estimate;

import dev.gradex.core.linalg.Cholesky;

/**
 * The curvature pairs of L-BFGS and its two-loop recursion, with the initial inverse Hessian
 * H0^{-1} applied through a Cholesky factor rather than a scalar. H0 is the exact Hessian at w = 0,
 * so near the linear regime of Li et al., arXiv 2409.19458, stage 3, the first direction is already
 * a Newton step and a few pairs correct the rest.
 */
final class LbfgsMemory {
  private final int capacity;
  private final double[][] s;
  private final double[][] y;
  private final double[] rho;
  private final double[] alpha;
  private int count;
  private int newest = -1;

  LbfgsMemory(int capacity, int dim) {
    this.capacity = capacity;
    this.s = new double[capacity][dim];
    this.y = new double[capacity][dim];
    this.rho = new double[capacity];
    this.alpha = new double[capacity];
  }

  void clear() {
    count = 0;
    newest = -1;
  }

  /** Stores s = wNew - w, y = gNew - g; skipped if s.y is not safely positive. */
  void push(double[] w, double[] wNew, double[] g, double[] gNew) {
    int slot = (newest + 1) % capacity;
    double[] si = s[slot];
    double[] yi = y[slot];
    for (int j = 0; j < si.length; j++) {
      si[j] = wNew[j] - w[j];
      yi[j] = gNew[j] - g[j];
    }
    double sy = LogisticMath.dot(si, 0, yi, 0, si.length);
    if (!(sy > 1e-300)) {
      return;
    }
    rho[slot] = 1 / sy;
    newest = slot;
    count = Math.min(count + 1, capacity);
  }

  /** out = -H g, H the L-BFGS inverse Hessian built on H0^{-1} = (L L^T)^{-1}. */
  void direction(double[] g, double[] cholesky, double[] out) {
    int d = g.length;
    System.arraycopy(g, 0, out, 0, d);
    for (int k = 0; k < count; k++) {
      int i = Math.floorMod(newest - k, capacity);
      alpha[i] = rho[i] * LogisticMath.dot(s[i], 0, out, 0, d);
      axpy(-alpha[i], y[i], out);
    }
    Cholesky.solvePacked(cholesky, d, out);
    for (int k = count - 1; k >= 0; k--) {
      int i = Math.floorMod(newest - k, capacity);
      double beta = rho[i] * LogisticMath.dot(y[i], 0, out, 0, d);
      axpy(alpha[i] - beta, s[i], out);
    }
    for (int j = 0; j < d; j++) {
      out[j] = -out[j];
    }
  }

  private static void axpy(double a, double[] x, double[] y) {
    for (int j = 0; j < y.length; j++) {
      y[j] += a * x[j];
    }
  }
}
