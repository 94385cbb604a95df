/**
 * Selection rules of ALGORITHM.md stage 4 (threshold, top-k, top-ratio, best prefix) applied to a
 * task ranking, and the {@link dev.gradex.core.selection.Selection} they produce. Depends on the
 * root package and on {@code scoring} (for {@code TaskRanking} and {@code SubsetLoss}); {@code
 * scoring} does not depend on this package.
 */
package dev.gradex.core.selection;
