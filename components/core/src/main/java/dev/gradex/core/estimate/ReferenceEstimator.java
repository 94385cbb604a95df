package dev.gradex.core.estimate;

import dev.gradex.core.store.ExampleBlock;
import dev.gradex.core.store.ExampleBlocks;
import java.util.Arrays;

/**
 * Reference-compatible estimator: what the research code of Li et al., "Scalable Fine-tuning from
 * Multiple Data Sources: A First-Order Approximation Approach", EMNLP Findings 2024 (arXiv
 * 2409.19458), stage 3, does. No offsets; Bernoulli(p) labels with the features' sign flipped for
 * label 0; liblinear's L2 logistic regression with a regularised intercept, which is then dropped;
 * the update rescaled to scale * ||theta*||; fhat evaluated with the validation offsets as in the
 * faithful mode. Kept for parity with the published numbers, not for speed.
 */
public final class ReferenceEstimator implements SubsetEstimator {
  private final ExampleBlocks blocks;
  private final ReferenceStatistics stats;
  private final ReferenceSolver solver;
  private final ValidationLoss validation;
  private final NormScale normScale;

  ReferenceEstimator(
      ExampleBlocks blocks,
      ReferenceStatistics stats,
      EstimatorConfig config,
      ValidationLoss validation) {
    this.blocks = blocks;
    this.stats = stats;
    this.solver = new ReferenceSolver(blocks, stats, config);
    this.validation = validation;
    this.normScale = new NormScale(config, blocks.dim());
  }

  @Override
  public EstimatorMode mode() {
    return EstimatorMode.REFERENCE;
  }

  @Override
  public SubsetEstimate estimate(int[] tasks) {
    ReferenceSolver.Solution solution = solver.solve(SubsetTasks.withTarget(tasks, blocks));
    double[] w = Arrays.copyOf(solution.v(), blocks.dim());
    double wNorm = LogisticMath.norm(w);
    double c = normScale.rescaled(wNorm);
    return new SubsetEstimate(
        w,
        validation.at(w, c),
        solution.objective(),
        solution.iterations(),
        solution.converged(),
        solution.gNorm(),
        c,
        normScale.relative(wNorm, c));
  }

  /**
   * The exact inputs and solution for subset S, as scikit-learn would receive them.
   *
   * @param tasks as for {@link #estimate}
   */
  public ReferenceProblem problem(int[] tasks) {
    int[] all = SubsetTasks.withTarget(tasks, blocks);
    int d = blocks.dim();
    int rows = 0;
    for (int t : all) {
      rows += blocks.rows(t);
    }
    float[] features = new float[rows * d];
    int[] labels = new int[rows];
    int row = 0;
    for (int t : all) {
      ExampleBlock block = blocks.block(t);
      for (int r = 0; r < block.rows(); r++, row++) {
        labels[row] = stats.labels(t)[r];
        float sign = labels[row] == 1 ? 1f : -1f;
        for (int j = 0; j < d; j++) {
          features[row * d + j] = sign * block.features()[r * d + j];
        }
      }
    }
    ReferenceSolver.Solution solution = solver.solve(all);
    return new ReferenceProblem(
        rows,
        d,
        features,
        labels,
        solver.c(),
        Arrays.copyOf(solution.v(), d),
        solution.v()[d],
        solution.gNorm());
  }
}
