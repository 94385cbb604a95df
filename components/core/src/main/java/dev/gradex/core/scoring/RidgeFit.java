package dev.gradex.core.scoring;

import java.util.stream.IntStream;

/**
 * A fitted {@link RidgeSurrogate}: predicted fhat(S) = intercept + sum of the coefficients of the
 * tasks in S.
 *
 * @param intercept the unpenalised intercept
 * @param coefficients relevance of each task by index; negative = helpful
 * @param rSquared coefficient of determination on the fitted subsets; NaN if all losses are equal
 * @param subsets number of subsets fitted
 */
public record RidgeFit(double intercept, double[] coefficients, double rSquared, int subsets) {
  public RidgeFit {
    coefficients = coefficients.clone();
  }

  /** Coefficients by task index (a copy, so the record stays immutable). */
  @Override
  public double[] coefficients() {
    return coefficients.clone();
  }

  /** Relevance of {@code task}; negative = including it lowers the estimated loss. */
  public double coefficient(int task) {
    return coefficients[task];
  }

  /** The surrogate's prediction for a subset. */
  public double predict(int[] tasks) {
    double p = intercept;
    for (int t : tasks) {
      p += coefficients[t];
    }
    return p;
  }

  /** Every task ranked by coefficient, most helpful (most negative) first. */
  public TaskRanking ranking() {
    return TaskRanking.of(IntStream.range(0, coefficients.length).toArray(), coefficients);
  }
}
