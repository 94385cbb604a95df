package dev.gradex.core.linalg;

/** Inner products of contiguous double slices, summed in a fixed order (results are bitwise). */
public final class Vectors {
  private Vectors() {}

  /**
   * a[aOff..aOff+n) . b[bOff..bOff+n) in double. Eight accumulators: this dot is the inner loop of
   * the Cholesky factorisation, where four still left it bound by the add latency.
   */
  public static double dot(double[] a, int aOff, double[] b, int bOff, int n) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    double s4 = 0;
    double s5 = 0;
    double s6 = 0;
    double s7 = 0;
    int j = 0;
    for (; j + 7 < n; j += 8) {
      s0 += a[aOff + j] * b[bOff + j];
      s1 += a[aOff + j + 1] * b[bOff + j + 1];
      s2 += a[aOff + j + 2] * b[bOff + j + 2];
      s3 += a[aOff + j + 3] * b[bOff + j + 3];
      s4 += a[aOff + j + 4] * b[bOff + j + 4];
      s5 += a[aOff + j + 5] * b[bOff + j + 5];
      s6 += a[aOff + j + 6] * b[bOff + j + 6];
      s7 += a[aOff + j + 7] * b[bOff + j + 7];
    }
    for (; j < n; j++) {
      s0 += a[aOff + j] * b[bOff + j];
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }
}
