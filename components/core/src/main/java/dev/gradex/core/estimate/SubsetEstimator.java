package dev.gradex.core.estimate;

/**
 * Estimates fhat(S) for a subset S of auxiliary tasks (Li et al., arXiv 2409.19458, stage 3).
 * Implementations are thread-safe and deterministic: the result's bits do not depend on the thread
 * that computes it or on what ran before.
 */
public interface SubsetEstimator {
  /**
   * @param tasks distinct auxiliary task indices, without the target task (whose own training
   *     examples every estimate includes)
   * @throws IllegalArgumentException for an index out of range, repeated or equal to the target
   */
  SubsetEstimate estimate(int[] tasks);

  /** The mode this estimator implements. */
  EstimatorMode mode();
}
