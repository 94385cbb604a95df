package dev.gradex.core.estimate;

import dev.gradex.core.linalg.Cholesky;
import dev.gradex.core.store.ExampleBlocks;

/**
 * One-Newton fast path for Li et al., "Scalable Fine-tuning from Multiple Data Sources: A
 * First-Order Approximation Approach", EMNLP Findings 2024 (arXiv 2409.19458), stage 3: w =
 * -(H0)^{-1} g0, a single Newton step from w = 0 on the faithful objective, built from the per-task
 * sums only, so its cost per subset (matrix sum, Cholesky, fhat) does not grow with the number of
 * examples. It is exact when the loss is quadratic over the step (small features or small updates).
 */
final class OneNewtonEstimator implements SubsetEstimator {
  private final ExampleBlocks blocks;
  private final TaskStatistics stats;
  private final double lambda;
  private final ValidationLoss validation;
  private final NormScale normScale;
  private final ThreadLocal<SubsetSums> workspaces;

  OneNewtonEstimator(
      ExampleBlocks blocks,
      TaskStatistics stats,
      EstimatorConfig config,
      ValidationLoss validation) {
    this.blocks = blocks;
    this.stats = stats;
    this.lambda = config.lambda();
    this.validation = validation;
    this.normScale = new NormScale(config, blocks.dim());
    int d = blocks.dim();
    this.workspaces = ThreadLocal.withInitial(() -> new SubsetSums(d));
  }

  @Override
  public EstimatorMode mode() {
    return EstimatorMode.ONE_NEWTON;
  }

  @Override
  public SubsetEstimate estimate(int[] tasks) {
    int[] all = SubsetTasks.withTarget(tasks, blocks);
    SubsetSums sums = workspaces.get();
    stats.sum(all, true, sums);
    int d = blocks.dim();
    double[] w = new double[d];
    double model = sums.meanLoss();
    if (sums.weight > 0) {
      double inv = 1 / sums.weight;
      sums.factorHessian(lambda);
      for (int j = 0; j < d; j++) {
        w[j] = -sums.gradient[j] * inv;
      }
      Cholesky.solvePacked(sums.hessian, d, w);
      // Quadratic model at its minimiser: F(0) + g0.w + w^T H0 w / 2 = F(0) + g0.w / 2.
      model += 0.5 * inv * LogisticMath.dot(sums.gradient, 0, w, 0, d);
    }
    double wNorm = LogisticMath.norm(w);
    double c = normScale.capped(wNorm);
    return new SubsetEstimate(
        w, validation.at(w, c), model, 1, true, Double.NaN, c, normScale.relative(wNorm, c));
  }
}
