package dev.gradex.core.scoring;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * A fitted {@link RidgeSurrogate}: predicted fhat(S) = intercept + sum of the coefficients of the
 * tasks in S.
 *
 * @param intercept the unpenalised intercept
 * @param coefficients relevance of each task by index; negative = helpful
 * @param counts number of fitted subsets containing each task (0: coefficient 0, not ranked)
 * @param rSquared coefficient of determination on the fitted subsets; NaN if all losses are equal
 * @param subsets number of subsets fitted
 */
public record RidgeFit(
    double intercept, double[] coefficients, int[] counts, double rSquared, int subsets) {
  public RidgeFit {
    coefficients = coefficients.clone();
    counts = counts.clone();
    if (counts.length != coefficients.length) {
      throw new IllegalArgumentException("one count per coefficient expected");
    }
  }

  @Override
  public int[] counts() {
    return counts.clone();
  }

  /** Tasks no fitted subset contains, ascending. */
  public int[] unsampled() {
    return IntStream.range(0, counts.length).filter(t -> counts[t] == 0).toArray();
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

  /**
   * The tasks some subset contains, ranked by coefficient, most helpful (most negative) first.
   * Unsampled tasks are left out: their coefficient 0 says nothing about them.
   */
  public TaskRanking ranking() {
    int[] tasks = IntStream.range(0, counts.length).filter(t -> counts[t] > 0).toArray();
    return TaskRanking.of(tasks, Arrays.stream(tasks).mapToDouble(t -> coefficients[t]).toArray());
  }

  // Records compare arrays by reference; fits are compared by content.
  @Override
  public boolean equals(Object o) {
    return o instanceof RidgeFit f
        && Double.compare(intercept, f.intercept) == 0
        && Arrays.equals(coefficients, f.coefficients)
        && Arrays.equals(counts, f.counts)
        && Double.compare(rSquared, f.rSquared) == 0
        && subsets == f.subsets;
  }

  @Override
  public int hashCode() {
    return Objects.hash(intercept, Arrays.hashCode(coefficients), rSquared, subsets);
  }

  @Override
  public String toString() {
    return "RidgeFit[intercept="
        + intercept
        + ", coefficients="
        + Arrays.toString(coefficients)
        + ", rSquared="
        + rSquared
        + ", subsets="
        + subsets
        + "]";
  }
}
