package dev.gradex.core.estimate;

/**
 * Reference points for fhat (Li et al., arXiv 2409.19458, stage 3): a subset is worth adding only
 * if it beats fine-tuning on the target data alone.
 *
 * @param targetOnlyLoss fhat of the empty subset (the target's own training data only)
 * @param zeroUpdateLoss fhat at w = 0, the meta-initialisation theta* unchanged
 */
public record Baseline(double targetOnlyLoss, double zeroUpdateLoss) {}
