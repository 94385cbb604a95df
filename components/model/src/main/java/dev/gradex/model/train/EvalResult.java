package dev.gradex.model.train;

/**
 * Evaluation of a model on a dataset.
 *
 * @param examples number of examples
 * @param tokens supervised target tokens (one per classification example)
 * @param loss mean cross-entropy per supervised token (nats)
 * @param accuracy fraction of correct labels for a classifier; NaN for a decoder
 * @param outputLoss mean over examples of log(1 + exp(-o(z))), o(z) the mean gold-token logit-odds:
 *     what GradEx's estimate fhat predicts (NaN with no examples)
 */
public record EvalResult(
    long examples, long tokens, double loss, double accuracy, double outputLoss) {
  /** exp(loss). */
  public double perplexity() {
    return Math.exp(loss);
  }
}
