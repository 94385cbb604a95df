package dev.gradex.core.estimate;

import dev.gradex.core.linalg.Cholesky;
import dev.gradex.core.store.ExampleBlock;
import dev.gradex.core.store.ExampleBlocks;
import java.util.Arrays;

/**
 * Solves liblinear's L2 logistic regression with a regularised intercept, min 0.5 (||w||^2 + b^2) +
 * C sum_i log(1 + exp(-y_i (w.x'_i + b))), the fit of the research code of Li et al., arXiv
 * 2409.19458, stage 3. Since y_i x'_i = x_i, the margin is w.x_i + y_i b and the flipped features
 * are never materialised. L-BFGS starts from the exact Hessian at 0 (from {@link
 * ReferenceStatistics}); with the default C the objective is nearly quadratic, so a few passes
 * reach a residual far below what a coefficient comparison needs.
 */
final class ReferenceSolver {
  /** Tighter than any parity tolerance on coefficients; the objective has unit curvature. */
  private static final double MAX_TOLERANCE = 1e-10;

  private static final int MEMORY = 8;

  private final ExampleBlocks blocks;
  private final ReferenceStatistics stats;
  private final double c;
  private final double tolerance;
  private final int maxIterations;

  ReferenceSolver(ExampleBlocks blocks, ReferenceStatistics stats, EstimatorConfig config) {
    this.blocks = blocks;
    this.stats = stats;
    this.c = config.referenceC();
    this.tolerance = Math.min(config.tolerance(), MAX_TOLERANCE);
    this.maxIterations = config.maxIterations();
  }

  double c() {
    return c;
  }

  /** The outcome: v = [w; b], primal objective, iterations, convergence, residual. */
  record Solution(double[] v, double objective, int iterations, boolean converged, double gNorm) {}

  Solution solve(int[] tasks) {
    int m = blocks.dim() + 1;
    double[] h = stats.hessianAtZero(tasks, c);
    if (!Cholesky.factorPacked(h, m)) {
      throw new IllegalStateException("reference Hessian not positive definite");
    }
    double[] v = new double[m];
    double[] g = new double[m];
    double f = evaluate(tasks, v, g);
    double threshold = tolerance * Math.max(1, LogisticMath.norm(g));
    PreconditionedLbfgs.Outcome outcome =
        new PreconditionedLbfgs(m, MEMORY)
            .minimise(
                (x, grad) -> evaluate(tasks, x, grad),
                v,
                f,
                g,
                h,
                threshold,
                maxIterations,
                (k, l) -> {});
    return new Solution(
        v, outcome.value(), outcome.iterations(), outcome.converged(), outcome.gradientNorm());
  }

  /** Objective at v; fills its gradient. */
  private double evaluate(int[] tasks, double[] v, double[] g) {
    int d = blocks.dim();
    double bias = v[d];
    Arrays.fill(g, 0);
    double loss = 0;
    for (int t : tasks) {
      ExampleBlock block = blocks.block(t);
      byte[] labels = stats.labels(t);
      float[] x = block.features();
      for (int r = 0, off = 0; r < block.rows(); r++, off += d) {
        double y = labels[r] == 1 ? 1 : -1;
        double margin = LogisticMath.dot(x, off, v, d) + y * bias;
        loss += LogisticMath.logLoss(margin);
        double coef = -LogisticMath.sigmoid(-margin);
        LogisticMath.axpy(coef, x, off, g, d);
        g[d] += coef * y;
      }
    }
    double reg = 0;
    for (int j = 0; j <= d; j++) {
      g[j] = c * g[j] + v[j];
      reg += v[j] * v[j];
    }
    return c * loss + 0.5 * reg;
  }
}
