package dev.gradex.core.subsets;

import dev.gradex.core.SplitMix64;
import java.util.ArrayList;
import java.util.List;

/**
 * Binomial counts and exhaustive enumeration, for the case where nearly every k-subset is needed:
 * there, rejecting duplicates would take coupon-collector time, while shuffling the full list of
 * C(n, k) subsets takes time linear in it.
 */
final class Combinations {
  private Combinations() {}

  /** C(n, k), or {@code cap} if it exceeds {@code cap} (saturating, so it never overflows). */
  static long count(int n, int k, long cap) {
    int r = Math.min(k, n - k);
    if (r < 0) {
      return 0;
    }
    long c = 1;
    for (int i = 1; i <= r; i++) {
      // c * (n - r + i) / i is exact (the product is divisible by i at every step), but the product
      // itself can overflow long below the cap; dividing by g = gcd(c, i) first keeps every
      // intermediate no larger than the result.
      double next = (double) c * (n - r + i) / i;
      if (next > cap) {
        return cap + 1;
      }
      long g = gcd(c, i);
      c = (c / g) * ((n - r + i) / (i / g));
    }
    return c;
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }

  /** m distinct k-subsets of {@code pool}: all of them in lexicographic order, then shuffled. */
  static List<int[]> sampleDistinct(int[] pool, int k, int m, SplitMix64 random) {
    List<int[]> all = all(pool, k);
    for (int i = 0; i < m; i++) {
      int j = i + random.nextInt(all.size() - i);
      int[] t = all.get(i);
      all.set(i, all.get(j));
      all.set(j, t);
    }
    return new ArrayList<>(all.subList(0, m));
  }

  private static List<int[]> all(int[] pool, int k) {
    List<int[]> out = new ArrayList<>();
    int n = pool.length;
    int[] idx = new int[k];
    for (int i = 0; i < k; i++) {
      idx[i] = i;
    }
    while (true) {
      int[] subset = new int[k];
      for (int i = 0; i < k; i++) {
        subset[i] = pool[idx[i]];
      }
      out.add(subset);
      int i = k - 1;
      while (i >= 0 && idx[i] == n - k + i) {
        i--;
      }
      if (i < 0) {
        return out;
      }
      idx[i]++;
      for (int j = i + 1; j < k; j++) {
        idx[j] = idx[j - 1] + 1;
      }
    }
  }
}
