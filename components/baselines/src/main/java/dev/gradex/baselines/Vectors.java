package dev.gradex.baselines;

/** Cosine similarity, the score of the two similarity baselines. */
final class Vectors {
  private Vectors() {}

  /** The cosine of {@code a} and {@code b}; 0 when either is the zero vector. */
  static double cosine(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("lengths " + a.length + " and " + b.length);
    }
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
  }
}
