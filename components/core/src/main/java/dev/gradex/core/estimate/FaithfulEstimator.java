package dev.gradex.core.estimate;

import dev.gradex.core.linalg.Cholesky;
import dev.gradex.core.store.ExampleBlocks;
import java.util.Arrays;

/**
 * The faithful estimator of Li et al., "Scalable Fine-tuning from Multiple Data Sources: A
 * First-Order Approximation Approach", EMNLP Findings 2024 (arXiv 2409.19458), stage 3: w_S
 * minimises the offset logistic loss of D_S plus (lambda/2)||w||^2, solved to ||grad F(w)|| <= tol
 * max(1, ||grad F(0)||). F is lambda-strongly convex, so the returned w is within ||grad F(w)|| /
 * lambda of the exact minimiser; lower the tolerance when w itself must be exact to more digits.
 *
 * <p>Solver: the exact Hessian at w = 0 comes from the per-task statistics, so H0 = (1/W_S) sum H_t
 * + lambda I is Cholesky-factored once per subset and serves as L-BFGS's initial inverse Hessian.
 * The first iteration is therefore a Newton step from 0, and near the linear regime a handful of
 * fused passes over D_S finish the job. Armijo backtracking with quadratic interpolation keeps each
 * iteration a descent step.
 */
final class FaithfulEstimator implements SubsetEstimator {
  private static final int MEMORY = 8;
  private static final double REFRESH_CHANGE = 0.1;

  private final ExampleBlocks blocks;
  private final TaskStatistics stats;
  private final EstimatorConfig config;
  private final ValidationLoss validation;
  private final NormScale normScale;
  private final ThreadLocal<Workspace> workspaces;

  FaithfulEstimator(
      ExampleBlocks blocks,
      TaskStatistics stats,
      EstimatorConfig config,
      ValidationLoss validation) {
    this.blocks = blocks;
    this.stats = stats;
    this.config = config;
    this.validation = validation;
    this.normScale = new NormScale(config, blocks.dim());
    int d = blocks.dim();
    this.workspaces =
        ThreadLocal.withInitial(
            () ->
                new Workspace(
                    d, new FaithfulObjective(blocks, config.lambda(), config.tokenWeighted())));
  }

  @Override
  public EstimatorMode mode() {
    return EstimatorMode.FAITHFUL;
  }

  @Override
  public SubsetEstimate estimate(int[] tasks) {
    int[] all = SubsetTasks.withTarget(tasks, blocks);
    Workspace ws = workspaces.get();
    stats.sum(all, true, ws.sums);
    double weight = ws.sums.weight;
    int d = blocks.dim();
    double[] w = new double[d];
    if (weight == 0) {
      return finish(w, 0, 0, true, 0);
    }
    for (int j = 0; j < d; j++) {
      ws.g[j] = ws.sums.gradient[j] / weight;
    }
    ws.sums.factorHessian(config.lambda());
    return solve(all, weight, ws, w, ws.sums.meanLoss());
  }

  private SubsetEstimate solve(int[] all, double weight, Workspace ws, double[] w, double f) {
    double threshold = config.tolerance() * Math.max(1, LogisticMath.norm(ws.g));
    double[] curvature = new double[all.length];
    double[] lastRho = new double[all.length];
    Arrays.fill(lastRho, 1);
    PreconditionedLbfgs.Outcome outcome =
        ws.lbfgs.minimise(
            (v, grad) -> ws.objective.evaluate(all, weight, v, grad, curvature),
            w,
            f,
            ws.g,
            ws.sums.hessian,
            threshold,
            config.maxIterations(),
            (iterations, cholesky) ->
                refresh(all, weight, curvature, lastRho, iterations, cholesky));
    return finish(
        w, outcome.value(), outcome.iterations(), outcome.converged(), outcome.gradientNorm());
  }

  /**
   * After steps 1, 2, 4, 8, ...: re-forms the preconditioner as (1/W_S) sum_t rho_t H_t + lambda I,
   * where rho_t is task t's curvature weight sum at the current w over that at 0 (both from passes
   * already made). This tracks the main nonlinearity, the per-task change of sigmoid'(m), for the
   * price of a matrix sum and a Cholesky factorisation, and spares L-BFGS many passes when w leaves
   * the linear regime.
   */
  private void refresh(
      int[] all,
      double weight,
      double[] curvature,
      double[] lastRho,
      int iterations,
      double[] cholesky) {
    if (Integer.bitCount(iterations) != 1) {
      return;
    }
    double[] scale = new double[all.length];
    boolean changed = false;
    for (int k = 0; k < all.length; k++) {
      double atZero = stats.curvature(all[k]);
      double rho = atZero > 0 ? curvature[k] / atZero : 1;
      changed |= Math.abs(rho / lastRho[k] - 1) > REFRESH_CHANGE;
      scale[k] = rho / weight;
    }
    if (!changed) {
      return;
    }
    for (int k = 0; k < all.length; k++) {
      lastRho[k] = scale[k] * weight;
    }
    stats.weightedHessian(all, scale, cholesky);
    int d = blocks.dim();
    for (int i = 0; i < d; i++) {
      cholesky[Cholesky.rowOffset(i) + i] += config.lambda();
    }
    if (!Cholesky.factorPacked(cholesky, d)) {
      throw new IllegalStateException("preconditioner not positive definite");
    }
  }

  private SubsetEstimate finish(
      double[] w, double f, int iterations, boolean converged, double gNorm) {
    double wNorm = LogisticMath.norm(w);
    double c = normScale.capped(wNorm);
    return new SubsetEstimate(
        w, validation.at(w, c), f, iterations, converged, gNorm, c, normScale.relative(wNorm, c));
  }

  /** Per-thread scratch, so that concurrent estimates share nothing mutable. */
  private static final class Workspace {
    final SubsetSums sums;
    final double[] g;
    final PreconditionedLbfgs lbfgs;
    final FaithfulObjective objective;

    Workspace(int d, FaithfulObjective objective) {
      this.objective = objective;
      sums = new SubsetSums(d);
      g = new double[d];
      lbfgs = new PreconditionedLbfgs(d, MEMORY);
    }
  }
}
