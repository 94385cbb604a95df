package dev.gradex.local;

import dev.gradex.estimate.EstimatedSubset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which sampled subsets to fine-tune for real to check the estimate (ALGORITHM.md, "Fidelity",
 * measure 2): {@code k} distinct subsets spread over the range of fhat. The distinct subsets are
 * ranked by fhat and cut into {@code k} strata of equal count, and one subset is drawn from each
 * with a generator seeded by the run's seed, so the choice is deterministic and covers low, middle
 * and high estimates (a rank correlation needs spread). Subsets already fine-tuned anyway (the
 * selection, all sources) are left out: they are free points.
 */
final class FidelityPlan {
  private FidelityPlan() {}

  /** Up to {@code k} subsets from {@code sampled}, lowest fhat first. */
  static List<EstimatedSubset> pick(
      List<EstimatedSubset> sampled, int k, long seed, Collection<List<String>> exclude) {
    Set<Set<String>> seen = new HashSet<>();
    for (List<String> e : exclude) {
      seen.add(new TreeSet<>(e));
    }
    List<EstimatedSubset> distinct = new ArrayList<>();
    for (EstimatedSubset s : sampled) {
      if (Double.isFinite(s.estimatedLoss()) && seen.add(new TreeSet<>(s.members()))) {
        distinct.add(s);
      }
    }
    distinct.sort(
        Comparator.comparingDouble(EstimatedSubset::estimatedLoss)
            .thenComparingInt(EstimatedSubset::index));
    int m = distinct.size();
    int strata = Math.min(k, m);
    Random random = new Random(seed * 0x9E3779B97F4A7C15L + 17);
    List<EstimatedSubset> out = new ArrayList<>();
    for (int i = 0; i < strata; i++) {
      int from = (int) ((long) i * m / strata);
      int to = (int) ((long) (i + 1) * m / strata);
      out.add(distinct.get(from + random.nextInt(to - from)));
    }
    return out;
  }
}
