package dev.gradex.cli.bench.paper;

import java.util.List;

/**
 * Mean and sample standard deviation of a few figures (one per seed); NaN entries are left out.
 *
 * @param mean the mean, NaN when no entry is finite
 * @param std the sample standard deviation (n - 1), 0 for one entry, NaN for none
 * @param n the finite entries
 */
record Spread(double mean, double std, int n) {
  static Spread of(List<Double> values) {
    double[] v =
        values.stream().filter(d -> d != null && Double.isFinite(d)).mapToDouble(d -> d).toArray();
    if (v.length == 0) {
      return new Spread(Double.NaN, Double.NaN, 0);
    }
    double mean = 0;
    for (double d : v) {
      mean += d;
    }
    mean /= v.length;
    double ss = 0;
    for (double d : v) {
      ss += (d - mean) * (d - mean);
    }
    return new Spread(mean, v.length == 1 ? 0 : Math.sqrt(ss / (v.length - 1)), v.length);
  }
}
