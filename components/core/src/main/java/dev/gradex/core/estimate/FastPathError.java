package dev.gradex.core.estimate;

import java.util.List;

/**
 * How far a fast path lands from the faithful solution over a list of subsets (Li et al., arXiv
 * 2409.19458, stage 3), so that every run can report the price of its speed. Updates are compared
 * as applied, c_S w_S.
 *
 * @param subsets number of subsets compared
 * @param meanRelativeUpdateError mean of ||c w_fast - c w_exact|| / ||c w_exact|| (absolute error
 *     where the exact update is 0)
 * @param maxRelativeUpdateError its maximum
 * @param meanLossError mean |fhat_fast - fhat_exact|
 * @param maxLossError its maximum
 */
public record FastPathError(
    int subsets,
    double meanRelativeUpdateError,
    double maxRelativeUpdateError,
    double meanLossError,
    double maxLossError) {

  /** Estimates every subset with both estimators (sequentially) and compares. */
  public static FastPathError compare(
      SubsetEstimator fast, SubsetEstimator exact, List<int[]> subsets) {
    List<SubsetEstimate> f = subsets.stream().map(fast::estimate).toList();
    List<SubsetEstimate> e = subsets.stream().map(exact::estimate).toList();
    return between(f, e);
  }

  /** Compares estimates already made of the same subsets, pairwise in list order. */
  public static FastPathError between(List<SubsetEstimate> fast, List<SubsetEstimate> exact) {
    if (fast.size() != exact.size()) {
      throw new IllegalArgumentException(fast.size() + " fast vs " + exact.size() + " exact");
    }
    double sumW = 0;
    double maxW = 0;
    double sumL = 0;
    double maxL = 0;
    for (int i = 0; i < fast.size(); i++) {
      SubsetEstimate f = fast.get(i);
      SubsetEstimate e = exact.get(i);
      double diff = 0;
      double ref = 0;
      for (int j = 0; j < e.w().length; j++) {
        double a = f.normScale() * f.w()[j];
        double b = e.normScale() * e.w()[j];
        diff += (a - b) * (a - b);
        ref += b * b;
      }
      double relW = ref > 0 ? Math.sqrt(diff / ref) : Math.sqrt(diff);
      double errL = Math.abs(f.estimatedLoss() - e.estimatedLoss());
      sumW += relW;
      maxW = Math.max(maxW, relW);
      sumL += errL;
      maxL = Math.max(maxL, errL);
    }
    int n = fast.size();
    return n == 0
        ? new FastPathError(0, 0, 0, 0, 0)
        : new FastPathError(n, sumW / n, maxW, sumL / n, maxL);
  }
}
