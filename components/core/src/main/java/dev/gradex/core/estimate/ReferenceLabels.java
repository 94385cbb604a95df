package dev.gradex.core.estimate;

/**
 * The random labels y ~ Bernoulli(p) of the research code's estimator (Li et al., arXiv 2409.19458,
 * stage 3), drawn from a counter-based hash of (seed, task, row) so that an example's label does
 * not depend on the subset, on the thread or on the order of evaluation.
 */
final class ReferenceLabels {
  private final long seed;
  private final double probability;

  ReferenceLabels(long seed, double probability) {
    this.seed = seed;
    this.probability = probability;
  }

  /** 1 with probability p, else 0. */
  int label(int task, int row) {
    long h = mix(seed ^ 0x9E3779B97F4A7C15L * (task + 1L));
    h = mix(h + 0xD1B54A32D192ED03L * (row + 1L));
    double u = (h >>> 11) * 0x1.0p-53;
    return u < probability ? 1 : 0;
  }

  /** SplitMix64's finaliser: a bijection with full avalanche. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
