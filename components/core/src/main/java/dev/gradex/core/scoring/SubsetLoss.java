package dev.gradex.core.scoring;

/**
 * The estimated fine-tuned target loss fhat(S) of a subset S of auxiliary tasks (Li et al., arXiv
 * 2409.19458, stage 3; docs/method.md#stage-3-estimating-fs-on-cpu). Scoring and stepwise selection
 * are written against this interface so that they work with any estimator, or with real fine-tuning
 * losses.
 */
@FunctionalInterface
public interface SubsetLoss {
  /**
   * @param tasks indices of the auxiliary tasks in S, ascending, without the target task (which
   *     every estimate includes)
   * @return fhat(S); lower is better
   */
  double loss(int[] tasks);
}
