package dev.gradex.core.scoring;

/**
 * Dense Cholesky solve for the small symmetric positive definite systems of the ridge surrogate.
 */
final class Cholesky {
  private Cholesky() {}

  /**
   * Solves {@code A x = b} for symmetric positive definite {@code A} (row-major n x n). {@code a}
   * is overwritten with its factor.
   */
  static double[] solve(double[] a, double[] b, int n) {
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
