package dev.gradex.core.fidelity;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Rank correlations between estimated and real fine-tuning losses, the second fidelity measure of
 * Li, Zhang, Wang and Zhang, "Scalable Fine-tuning from Multiple Data Sources: A First-Order
 * Approximation Approach" (EMNLP Findings 2024, arXiv 2409.19458), who report Spearman 0.60-0.72.
 * Both coefficients handle ties and are NaN when either input is constant or has fewer than two
 * values (a correlation is undefined there, and 0 would read as "no agreement").
 */
public final class RankCorrelation {
  private RankCorrelation() {}

  /** Spearman's rho: the Pearson correlation of the ranks, tied values sharing their mean rank. */
  public static double spearman(double[] a, double[] b) {
    checkPair(a, b);
    return pearson(averageRanks(a), averageRanks(b));
  }

  /**
   * Kendall's tau-b, {@code (C - D) / sqrt((n0 - n1)(n0 - n2))} with n0 = n(n-1)/2 and n1, n2 the
   * pairs tied in a and in b. Computed by Knight's O(n log n) algorithm (Knight 1966): sort by (a,
   * b), then count the swaps a merge sort by b needs, which are the discordant pairs.
   */
  public static double kendallTauB(double[] a0, double[] b0) {
    checkPair(a0, b0);
    // Adding +0.0 turns -0.0 into 0.0, which the sort would otherwise order apart from 0.0.
    double[] a = Arrays.stream(a0).map(v -> v + 0.0).toArray();
    double[] b = Arrays.stream(b0).map(v -> v + 0.0).toArray();
    int n = a.length;
    if (n < 2) {
      return Double.NaN;
    }
    Integer[] boxed = IntStream.range(0, n).boxed().toArray(Integer[]::new);
    Arrays.sort(
        boxed, Comparator.<Integer>comparingDouble(i -> a[i]).thenComparingDouble(i -> b[i]));
    int[] order = Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
    long n1 = 0;
    long n3 = 0;
    for (int i = 0; i < n; ) {
      int j = i;
      while (j < n && a[order[j]] == a[order[i]]) {
        j++;
      }
      n1 += pairs(j - i);
      for (int k = i; k < j; ) {
        int l = k;
        while (l < j && b[order[l]] == b[order[k]]) {
          l++;
        }
        n3 += pairs(l - k);
        k = l;
      }
      i = j;
    }
    double[] bs = new double[n];
    for (int i = 0; i < n; i++) {
      bs[i] = b[order[i]];
    }
    long swaps = mergeSortSwaps(bs, new double[n], 0, n);
    long n2 = 0;
    for (int i = 0; i < n; ) {
      int j = i;
      while (j < n && bs[j] == bs[i]) {
        j++;
      }
      n2 += pairs(j - i);
      i = j;
    }
    long n0 = pairs(n);
    double denominator = Math.sqrt((double) (n0 - n1) * (double) (n0 - n2));
    if (denominator == 0) {
      return Double.NaN;
    }
    return (n0 - n1 - n2 + n3 - 2 * swaps) / denominator;
  }

  /** Ranks 1..n, ties given the mean of the ranks they span. */
  public static double[] averageRanks(double[] x) {
    int n = x.length;
    Integer[] boxed = IntStream.range(0, n).boxed().toArray(Integer[]::new);
    Arrays.sort(boxed, Comparator.comparingDouble(i -> x[i]));
    double[] ranks = new double[n];
    for (int i = 0; i < n; ) {
      int j = i;
      while (j < n && x[boxed[j]] == x[boxed[i]]) {
        j++;
      }
      double rank = (i + 1 + j) / 2.0;
      for (int k = i; k < j; k++) {
        ranks[boxed[k]] = rank;
      }
      i = j;
    }
    return ranks;
  }

  static double pearson(double[] x, double[] y) {
    int n = x.length;
    if (n < 2) {
      return Double.NaN;
    }
    double mx = Arrays.stream(x).average().orElse(0);
    double my = Arrays.stream(y).average().orElse(0);
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
  }

  /** Sorts {@code v[lo, hi)} ascending, returning the number of strictly inverted pairs. */
  private static long mergeSortSwaps(double[] v, double[] tmp, int lo, int hi) {
    if (hi - lo < 2) {
      return 0;
    }
    int mid = (lo + hi) >>> 1;
    long swaps = mergeSortSwaps(v, tmp, lo, mid) + mergeSortSwaps(v, tmp, mid, hi);
    int i = lo;
    int j = mid;
    int k = lo;
    while (i < mid && j < hi) {
      if (v[j] < v[i]) {
        swaps += mid - i;
        tmp[k++] = v[j++];
      } else {
        tmp[k++] = v[i++];
      }
    }
    while (i < mid) {
      tmp[k++] = v[i++];
    }
    while (j < hi) {
      tmp[k++] = v[j++];
    }
    System.arraycopy(tmp, lo, v, lo, hi - lo);
    return swaps;
  }

  private static long pairs(long t) {
    return t * (t - 1) / 2;
  }

  static void checkPair(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("lengths differ: " + a.length + " vs " + b.length);
    }
    for (int i = 0; i < a.length; i++) {
      if (Double.isNaN(a[i]) || Double.isNaN(b[i])) {
        throw new IllegalArgumentException("NaN at index " + i);
      }
    }
  }
}
