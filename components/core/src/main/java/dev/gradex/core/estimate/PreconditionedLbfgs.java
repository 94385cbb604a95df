package dev.gradex.core.estimate;

/**
 * L-BFGS whose initial inverse Hessian is (L L^T)^{-1} for a Cholesky factor L of the exact Hessian
 * at the start, with Armijo backtracking (quadratic interpolation). The estimators of Li et al.,
 * arXiv 2409.19458, stage 3, start at w = 0, where that Hessian comes cheaply from per-task sums,
 * so the first step is a Newton step and near the linear regime few passes over the data remain.
 * Not thread-safe: one instance per thread.
 */
final class PreconditionedLbfgs {
  private static final double ARMIJO = 1e-4;
  private static final int MAX_BACKTRACKS = 40;

  /** A smooth function of x whose gradient is written into {@code grad}. */
  @FunctionalInterface
  interface Objective {
    double evaluate(double[] x, double[] grad);
  }

  /** May replace the preconditioner's Cholesky factor after an accepted step. */
  @FunctionalInterface
  interface Refresh {
    /**
     * @param iterations accepted steps so far; the last objective evaluation was at the new point
     * @param cholesky the factor in use, to overwrite or leave as is
     */
    void afterStep(int iterations, double[] cholesky);
  }

  /** What the minimisation reached. */
  record Outcome(double value, int iterations, boolean converged, double gradientNorm) {}

  private final LbfgsMemory memory;
  private final double[] p;
  private final double[] xTrial;
  private final double[] gTrial;

  PreconditionedLbfgs(int dim, int memorySize) {
    memory = new LbfgsMemory(memorySize, dim);
    p = new double[dim];
    xTrial = new double[dim];
    gTrial = new double[dim];
  }

  /**
   * @param x start, overwritten with the solution
   * @param f objective at the start
   * @param g gradient at the start, overwritten with the final gradient
   * @param cholesky factor of the initial Hessian (row-packed lower)
   * @param threshold stop once ||g|| <= threshold
   */
  Outcome minimise(
      Objective objective,
      double[] x,
      double f,
      double[] g,
      double[] cholesky,
      double threshold,
      int maxIterations,
      Refresh refresh) {
    memory.clear();
    double gNorm = LogisticMath.norm(g);
    int iterations = 0;
    while (gNorm > threshold && iterations < maxIterations) {
      memory.direction(g, cholesky, p);
      double fTrial = lineSearch(objective, x, f, LogisticMath.dot(g, 0, p, 0, g.length));
      if (Double.isNaN(fTrial)) {
        break;
      }
      memory.push(x, xTrial, g, gTrial);
      System.arraycopy(xTrial, 0, x, 0, x.length);
      System.arraycopy(gTrial, 0, g, 0, g.length);
      f = fTrial;
      iterations++;
      gNorm = LogisticMath.norm(g);
      if (gNorm > threshold) {
        refresh.afterStep(iterations, cholesky);
      }
    }
    return new Outcome(f, iterations, gNorm <= threshold, gNorm);
  }

  /** Armijo backtracking along p; leaves the accepted point in xTrial/gTrial, or returns NaN. */
  private double lineSearch(Objective objective, double[] x, double f, double slope) {
    if (!(slope < 0)) {
      return Double.NaN;
    }
    // Allow for rounding in f itself, so that a step at the noise floor is not rejected forever.
    double noise = 1e-15 * Math.abs(f);
    double step = 1;
    for (int k = 0; k < MAX_BACKTRACKS; k++) {
      for (int j = 0; j < x.length; j++) {
        xTrial[j] = x[j] + step * p[j];
      }
      double fTrial = objective.evaluate(xTrial, gTrial);
      if (fTrial <= f + ARMIJO * step * slope + noise) {
        return fTrial;
      }
      double quadratic = -slope * step * step / (2 * (fTrial - f - slope * step));
      step = Math.max(0.1 * step, Math.min(0.5 * step, quadratic));
    }
    return Double.NaN;
  }
}
