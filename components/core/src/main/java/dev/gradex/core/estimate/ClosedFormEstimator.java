package dev.gradex.core.estimate;

import dev.gradex.core.store.ExampleBlocks;

/**
 * Closed-form fast path for Li et al., "Scalable Fine-tuning from Multiple Data Sources: A
 * First-Order Approximation Approach", EMNLP Findings 2024 (arXiv 2409.19458), stage 3: with strong
 * regularisation w_S is proportional to the subset's mean gradient, w = -(1/lambda) g0 with g0 =
 * (1/W_S) sum_t g_t, the exact minimiser of the first-order model F(0) + g0.w + (lambda/2)||w||^2.
 */
final class ClosedFormEstimator implements SubsetEstimator {
  private final ExampleBlocks blocks;
  private final TaskStatistics stats;
  private final double lambda;
  private final ValidationLoss validation;
  private final NormScale normScale;
  private final ThreadLocal<SubsetSums> workspaces;

  ClosedFormEstimator(
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
    // No Hessian is needed; the scratch keeps one anyway for simplicity (d^2/2 doubles per thread).
    this.workspaces = ThreadLocal.withInitial(() -> new SubsetSums(d));
  }

  @Override
  public EstimatorMode mode() {
    return EstimatorMode.CLOSED_FORM;
  }

  @Override
  public SubsetEstimate estimate(int[] tasks) {
    int[] all = SubsetTasks.withTarget(tasks, blocks);
    SubsetSums sums = workspaces.get();
    stats.sum(all, false, sums);
    int d = blocks.dim();
    double[] w = new double[d];
    double model = sums.meanLoss();
    if (sums.weight > 0) {
      double scale = -1 / (lambda * sums.weight);
      for (int j = 0; j < d; j++) {
        w[j] = scale * sums.gradient[j];
      }
      // F(0) + g0.w + (lambda/2)||w||^2 at w = -g0/lambda is F(0) - ||g0||^2 / (2 lambda).
      double g0Norm = LogisticMath.norm(sums.gradient) / sums.weight;
      model -= g0Norm * g0Norm / (2 * lambda);
    }
    double wNorm = LogisticMath.norm(w);
    double c = normScale.capped(wNorm);
    return new SubsetEstimate(
        w, validation.at(w, c), model, 0, true, Double.NaN, c, normScale.relative(wNorm, c));
  }
}
