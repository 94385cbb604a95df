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
 * Which subsets to fine-tune for real to check the estimate (the paper's second fidelity measure;
 * docs/method.md#fidelity): {@code k} distinct subsets in all. First two fixed points, the target
 * alone (the empty subset) and the best single source by fhat: they anchor the two ends a selection
 * is judged against. Then {@code k - 2} sampled subsets spread over the range of fhat: the distinct
 * sampled subsets are ranked by fhat and cut into strata of equal count, and one subset is drawn
 * from each with a generator seeded by the run's seed, so the choice is deterministic and covers
 * low, middle and high estimates (a rank correlation needs spread). Subsets already fine-tuned
 * anyway (the selection, all sources) are left out: they are free points.
 */
final class FidelityPlan {
  static final String TARGET_ONLY = "target only";
  static final String BEST_SINGLE = "best single source";
  static final String TARGET_ONLY_ID = "target-only";

  /**
   * One subset to fine-tune.
   *
   * @param id its directory under {@code fidelity/}: {@code target-only}, {@code best-single} or
   *     {@code subset-<index in subsets.csv>}
   * @param kind {@link #TARGET_ONLY}, {@link #BEST_SINGLE} or {@link FidelityCheck#SAMPLED}
   * @param subset its members and fhat
   */
  record Planned(String id, String kind, EstimatedSubset subset) {}

  private FidelityPlan() {}

  /**
   * Up to {@code k} subsets: the target alone, then the best single source (each unless already
   * fine-tuned), then sampled subsets lowest fhat first.
   *
   * @param targetOnly fhat of the empty subset
   * @param bestSingle the best single source by fhat and its fhat, or null if unknown
   */
  static List<Planned> pick(
      List<EstimatedSubset> sampled,
      int k,
      long seed,
      Collection<List<String>> exclude,
      double targetOnly,
      EstimatedSubset bestSingle) {
    Set<Set<String>> seen = new HashSet<>();
    for (List<String> e : exclude) {
      seen.add(new TreeSet<>(e));
    }
    List<Planned> out = new ArrayList<>();
    EstimatedSubset empty = new EstimatedSubset(-1, List.of(), targetOnly);
    if (out.size() < k && seen.add(Set.of())) {
      out.add(new Planned(TARGET_ONLY_ID, TARGET_ONLY, empty));
    }
    if (bestSingle != null && out.size() < k && seen.add(new TreeSet<>(bestSingle.members()))) {
      out.add(new Planned("best-single", BEST_SINGLE, bestSingle));
    }
    for (EstimatedSubset s : strata(sampled, k - out.size(), seed, seen)) {
      out.add(new Planned("subset-" + s.index(), FidelityCheck.SAMPLED, s));
    }
    return out;
  }

  /** Up to {@code k} distinct sampled subsets not in {@code seen}, one per fhat stratum. */
  static List<EstimatedSubset> strata(
      List<EstimatedSubset> sampled, int k, long seed, Set<Set<String>> seen) {
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
    int strata = Math.max(0, Math.min(k, m));
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
