/**
 * Task scores from subset losses (ALGORITHM.md stage 4): the random-ensemble score, the ridge
 * surrogate, greedy forward stepwise selection and backward elimination, and the {@link
 * dev.gradex.core.scoring.TaskRanking} that selection consumes. Depends only on the root package.
 */
package dev.gradex.core.scoring;
