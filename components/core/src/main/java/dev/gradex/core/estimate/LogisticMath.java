package dev.gradex.core.estimate;

import dev.gradex.core.linalg.Vectors;

/**
 * Numerically stable logistic functions and the inner products of the estimators' hot loops (Li et
 * al., arXiv 2409.19458, stage 3: the logistic loss log(1 + e^{-m}) of the linearised model).
 */
final class LogisticMath {
  private LogisticMath() {}

  /** log(1 + e^{-m}) without overflow for large |m| and without cancellation for large m. */
  static double logLoss(double m) {
    return m > 0 ? Math.log1p(Math.exp(-m)) : -m + Math.log1p(Math.exp(m));
  }

  /** 1 / (1 + e^{-m}), never evaluating an overflowing exponential. */
  static double sigmoid(double m) {
    if (m >= 0) {
      return 1 / (1 + Math.exp(-m));
    }
    double e = Math.exp(m);
    return e / (1 + e);
  }

  /**
   * x[off..off+n) . w in double. Four independent accumulators, because the JIT does not vectorise
   * a floating-point reduction and one accumulator would serialise on the add latency.
   */
  static double dot(float[] x, int off, double[] w, int n) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int j = 0;
    for (; j + 3 < n; j += 4) {
      s0 += x[off + j] * w[j];
      s1 += x[off + j + 1] * w[j + 1];
      s2 += x[off + j + 2] * w[j + 2];
      s3 += x[off + j + 3] * w[j + 3];
    }
    for (; j < n; j++) {
      s0 += x[off + j] * w[j];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** a[aOff..aOff+n) . b[bOff..bOff+n) in double ({@link Vectors#dot}). */
  static double dot(double[] a, int aOff, double[] b, int bOff, int n) {
    return Vectors.dot(a, aOff, b, bOff, n);
  }

  /** y += a * x[off..off+n). */
  static void axpy(double a, float[] x, int off, double[] y, int n) {
    for (int j = 0; j < n; j++) {
      y[j] += a * x[off + j];
    }
  }

  static double norm(double[] v) {
    return Math.sqrt(dot(v, 0, v, 0, v.length));
  }
}
