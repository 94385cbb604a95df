package dev.gradex.estimate;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the estimator behaved over a run's sampled subsets (stage 3 of Li, Zhang, Wang, Zhang, arXiv
 * 2409.19458), from {@code subsets.csv}: how many fits converged and in how many iterations, the
 * spread of fhat(S), and how far the fitted directions moved from theta* (the linearisation is only
 * trusted near it). Logged as tracking metrics beside the headline figures and recorded,
 * snake_case, in the estimate's manifest.
 *
 * @param subsets subsets estimated
 * @param convergedFraction share of fits that met the solver's tolerance
 * @param meanIterations mean solver iterations per subset
 * @param maxIterations most solver iterations of any subset
 * @param minLoss smallest fhat(S)
 * @param medianLoss median fhat(S)
 * @param maxLoss largest fhat(S)
 * @param meanRelativeNorm mean ||P w_S|| / ||theta*|| (NaN where the store has no adapter norm)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EstimatorStatistics(
    int subsets,
    double convergedFraction,
    double meanIterations,
    int maxIterations,
    double minLoss,
    double medianLoss,
    double maxLoss,
    double meanRelativeNorm) {

  /** Reads {@code out/subsets.csv}; a file that is not such a table is refused, named. */
  public static EstimatorStatistics read(Path out) {
    return of(SubsetsTable.rows(out));
  }

  /** From rows of {@code subsets.csv}, split into fields. */
  static EstimatorStatistics of(List<List<String>> rows) {
    int n = rows.size();
    double[] losses = new double[n];
    long iterations = 0;
    int maxIterations = 0;
    int converged = 0;
    double normSum = 0;
    for (int i = 0; i < n; i++) {
      List<String> f = rows.get(i);
      losses[i] = Double.parseDouble(f.get(3));
      int it = Integer.parseInt(f.get(5));
      iterations += it;
      maxIterations = Math.max(maxIterations, it);
      converged += Boolean.parseBoolean(f.get(6)) ? 1 : 0;
      normSum += Double.parseDouble(f.get(9));
    }
    double[] sorted = losses.clone();
    Arrays.sort(sorted);
    double median =
        n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    return new EstimatorStatistics(
        n,
        n == 0 ? Double.NaN : converged / (double) n,
        n == 0 ? Double.NaN : iterations / (double) n,
        maxIterations,
        n == 0 ? Double.NaN : sorted[0],
        median,
        n == 0 ? Double.NaN : sorted[n - 1],
        n == 0 ? Double.NaN : normSum / n);
  }

  /** As {@code estimator_*} metrics; non-finite values are left out. */
  public Map<String, Double> metrics() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("estimator_subsets", (double) subsets);
    m.put("estimator_converged_fraction", convergedFraction);
    m.put("estimator_mean_iterations", meanIterations);
    m.put("estimator_max_iterations", (double) maxIterations);
    m.put("estimator_min_loss", minLoss);
    m.put("estimator_median_loss", medianLoss);
    m.put("estimator_max_loss", maxLoss);
    m.put("estimator_mean_relative_norm", meanRelativeNorm);
    m.values().removeIf(v -> !Double.isFinite(v));
    return m;
  }
}
