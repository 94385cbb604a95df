package dev.gradex.core.fidelity;

/**
 * The error measures of the fidelity section of Li, Zhang, Wang and Zhang, "Scalable Fine-tuning
 * from Multiple Data Sources: A First-Order Approximation Approach" (EMNLP Findings 2024, arXiv
 * 2409.19458), whose "1% error" refers to these.
 */
public final class ApproximationError {
  private ApproximationError() {}

  /**
   * Relative residual sum of squares of estimated against real subset losses, {@code sum (est -
   * act)^2 / sum act^2}. NaN when every actual value is 0 (no scale to be relative to).
   */
  public static double relativeRss(double[] estimated, double[] actual) {
    RankCorrelation.checkPair(estimated, actual);
    double rss = 0;
    double scale = 0;
    for (int i = 0; i < actual.length; i++) {
      double r = estimated[i] - actual[i];
      rss += r * r;
      scale += actual[i] * actual[i];
    }
    return scale == 0 ? Double.NaN : rss / scale;
  }

  /**
   * Output approximation error of the first-order model for one fine-tuned delta: the mean over
   * examples of {@code (|linearised - actual| / max(|actual|, |b|))^2}, where b = o(theta*),
   * linearised = b + g^T delta and actual = o(theta* + delta).
   *
   * <p>An example with {@code actual = b = 0} has no scale: it contributes 0 if the linearised
   * output is also 0 and 1 (a 100% error) otherwise, rather than dividing by zero.
   *
   * @return the mean, or NaN for no examples
   */
  public static double outputApproximationError(double[] b, double[] linearised, double[] actual) {
    RankCorrelation.checkPair(b, actual);
    RankCorrelation.checkPair(linearised, actual);
    double sum = 0;
    for (int i = 0; i < actual.length; i++) {
      double error = Math.abs(linearised[i] - actual[i]);
      double scale = Math.max(Math.abs(actual[i]), Math.abs(b[i]));
      double relative = scale == 0 ? (error == 0 ? 0 : 1) : error / scale;
      sum += relative * relative;
    }
    return actual.length == 0 ? Double.NaN : sum / actual.length;
  }
}
