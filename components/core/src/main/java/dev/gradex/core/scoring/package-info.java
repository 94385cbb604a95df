/**
 * Task scores from subset losses (Li et al., arXiv 2409.19458, stage 4;
 * docs/method.md#stage-4-sampling-scoring-selection): the random-ensemble score, the ridge
 * surrogate, greedy forward stepwise selection and backward elimination, and the {@link
 * dev.gradex.core.scoring.TaskRanking} that selection consumes. Depends only on the root package
 * and {@code linalg}.
 */
package dev.gradex.core.scoring;
