package dev.gradex.cli.bench.paper;

/**
 * The cost table's arithmetic (issue 19, table 2). GradEx's wall time is meta-training + gradient
 * extraction + the estimates of m subsets + one final fine-tune. Selection by real fine-tuning with
 * the same m fine-tunes m subsets (the best of them is the final model); greedy forward selection
 * by real fine-tuning fine-tunes n + (n - 1) + ... + 1 = n(n + 1) / 2 subsets. Both are
 * extrapolated from the mean measured time of a subset fine-tune, not run.
 *
 * @param gradexSeconds GradEx's wall time
 * @param realSelectionSeconds m subset fine-tunes, extrapolated
 * @param greedySeconds n(n + 1) / 2 subset fine-tunes, extrapolated
 * @param meanFineTuneSeconds the measured mean of one subset fine-tune
 * @param timedFineTunes how many subset fine-tunes the mean is over
 */
record CostModel(
    double gradexSeconds,
    double realSelectionSeconds,
    double greedySeconds,
    double meanFineTuneSeconds,
    int timedFineTunes) {

  /**
   * @param metaTrain meta-training seconds
   * @param gradients gradient extraction seconds
   * @param estimate seconds of the estimate stage over {@code estimatedSubsets} subsets
   * @param estimatedSubsets subsets the estimate stage estimated
   * @param m subsets a selection estimates (the 1,000); the estimate's time is scaled
   *     linearly from {@code estimatedSubsets} to {@code m}
   * @param finalFineTune the final fine-tune's seconds
   * @param meanFineTune mean seconds of one measured subset fine-tune
   * @param timed how many fine-tunes {@code meanFineTune} is over
   * @param sources n, the number of candidate sources
   */
  static CostModel of(
      double metaTrain,
      double gradients,
      double estimate,
      int estimatedSubsets,
      int m,
      double finalFineTune,
      double meanFineTune,
      int timed,
      int sources) {
    double gradex = metaTrain + gradients + estimate * m / estimatedSubsets + finalFineTune;
    double greedyRuns = sources * (sources + 1) / 2.0;
    return new CostModel(gradex, meanFineTune * m, meanFineTune * greedyRuns, meanFineTune, timed);
  }

  /** Real selection's time over GradEx's. */
  double speedup() {
    return realSelectionSeconds / gradexSeconds;
  }

  /** Greedy forward selection's time over GradEx's. */
  double greedySpeedup() {
    return greedySeconds / gradexSeconds;
  }
}
