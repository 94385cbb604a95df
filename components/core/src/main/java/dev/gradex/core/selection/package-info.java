/**
 * Selection rules of stage 4 (Li et al., arXiv 2409.19458;
 * docs/method.md#stage-4-sampling-scoring-selection) (threshold, top-k, top-ratio, best prefix)
 * applied to a task ranking, and the {@link dev.gradex.core.selection.Selection} they produce.
 * Depends on the root package and on {@code scoring} (for {@code TaskRanking} and {@code
 * SubsetLoss}); {@code scoring} does not depend on this package.
 */
package dev.gradex.core.selection;
