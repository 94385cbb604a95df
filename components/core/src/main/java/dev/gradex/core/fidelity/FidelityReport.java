package dev.gradex.core.fidelity;

/**
 * Estimated against real fine-tuning losses over the subsets that were really fine-tuned, the
 * second fidelity measure of Li, Zhang, Wang and Zhang, "Scalable Fine-tuning from Multiple Data
 * Sources: A First-Order Approximation Approach" (EMNLP Findings 2024, arXiv 2409.19458). Written
 * as {@code fidelity.json}; undefined values are NaN (Jackson writes them as the string "NaN").
 *
 * @param n number of subsets compared
 * @param relativeRss {@link ApproximationError#relativeRss}
 * @param spearman {@link RankCorrelation#spearman}
 * @param kendallTauB {@link RankCorrelation#kendallTauB}
 */
public record FidelityReport(int n, double relativeRss, double spearman, double kendallTauB) {

  /** Compares estimated with actual losses of the same subsets, in the same order. */
  public static FidelityReport compare(double[] estimated, double[] actual) {
    return new FidelityReport(
        actual.length,
        ApproximationError.relativeRss(estimated, actual),
        RankCorrelation.spearman(estimated, actual),
        RankCorrelation.kendallTauB(estimated, actual));
  }
}
