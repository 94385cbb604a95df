package dev.gradex.core.scoring;

import dev.gradex.core.InvalidInputException;
import dev.gradex.core.linalg.Cholesky;
import java.util.List;

/**
 * The ridge surrogate of stage 4 of Li, Zhang, Wang and Zhang, "Scalable Fine-tuning from Multiple
 * Data Sources: A First-Order Approximation Approach" (EMNLP Findings 2024, arXiv 2409.19458):
 * fhat(S) regressed on the 0/1 membership vector of S with an unpenalised intercept,
 *
 * <pre>
 *   minimise  sum_S (fhat(S) - a - sum_{i in S} beta_i)^2 + penalty * ||beta||^2 .
 * </pre>
 *
 * beta_i is task i's relevance: negative means including it lowers the loss (helpful).
 *
 * <p>When every subset has the same size k (the sampler's case), sum_i x_i = k for every row, so
 * adding a constant c to every beta and subtracting k*c from the intercept fits equally well. The
 * penalty resolves that in favour of the smallest ||beta||, which makes the coefficients relative
 * to their mean (they sum to about zero); rankings and differences between tasks are unaffected.
 * Tasks that no subset contains get beta = 0.
 */
public final class RidgeSurrogate {
  /** Small enough not to bias the fit on hundreds of subsets, large enough to keep it solvable. */
  public static final double DEFAULT_PENALTY = 1e-3;

  private final double penalty;

  private RidgeSurrogate(double penalty) {
    this.penalty = penalty;
  }

  public static RidgeSurrogate withDefaultPenalty() {
    return new RidgeSurrogate(DEFAULT_PENALTY);
  }

  /**
   * @param penalty ridge penalty on the sum-of-squares objective; must be positive and finite
   */
  public static RidgeSurrogate withPenalty(double penalty) {
    if (!(penalty > 0) || Double.isInfinite(penalty)) {
      throw new InvalidInputException(
          "ridgePenalty", penalty + " must be positive and finite, e.g. " + DEFAULT_PENALTY);
    }
    return new RidgeSurrogate(penalty);
  }

  public double penalty() {
    return penalty;
  }

  /**
   * Fits the surrogate. The intercept is handled by centring, so the normal equations are {@code
   * (Xc^T Xc + penalty I) beta = Xc^T yc}, positive definite for any positive penalty, and solved
   * by Cholesky in double precision.
   */
  public RidgeFit fit(List<int[]> subsets, double[] losses, int taskCount) {
    SubsetData.validate(subsets, losses, taskCount);
    int m = losses.length;
    int n = taskCount;
    if (m == 0) {
      throw new InvalidInputException("losses", "no subsets to fit the ridge surrogate on");
    }
    double yMean = 0;
    int[] counts = new int[n];
    for (int j = 0; j < m; j++) {
      yMean += losses[j];
      for (int t : subsets.get(j)) {
        counts[t]++;
      }
    }
    yMean /= m;
    double[] xMean = new double[n];
    for (int t = 0; t < n; t++) {
      xMean[t] = (double) counts[t] / m;
    }
    // Xc^T Xc = X^T X - m xMean xMean^T and Xc^T yc = X^T y - m xMean yMean: only sparse passes.
    double[] gram = new double[n * n];
    double[] rhs = new double[n];
    for (int j = 0; j < m; j++) {
      int[] s = subsets.get(j);
      for (int a : s) {
        rhs[a] += losses[j];
        for (int b : s) {
          gram[a * n + b]++;
        }
      }
    }
    for (int a = 0; a < n; a++) {
      rhs[a] -= m * xMean[a] * yMean;
      for (int b = 0; b < n; b++) {
        gram[a * n + b] -= m * xMean[a] * xMean[b];
      }
      gram[a * n + a] += penalty;
    }
    double[] beta = Cholesky.solveDense(gram, rhs, n);
    double intercept = yMean;
    for (int t = 0; t < n; t++) {
      intercept -= xMean[t] * beta[t];
    }
    double r2 = rSquared(subsets, losses, yMean, intercept, beta);
    return new RidgeFit(intercept, beta, counts, r2, m);
  }

  private static double rSquared(
      List<int[]> subsets, double[] losses, double yMean, double intercept, double[] beta) {
    double ssRes = 0;
    double ssTot = 0;
    for (int j = 0; j < losses.length; j++) {
      double pred = intercept;
      for (int t : subsets.get(j)) {
        pred += beta[t];
      }
      ssRes += (losses[j] - pred) * (losses[j] - pred);
      ssTot += (losses[j] - yMean) * (losses[j] - yMean);
    }
    return ssTot == 0 ? Double.NaN : 1 - ssRes / ssTot;
  }
}
