package dev.gradex.model.train;

/**
 * Evaluation of a model on a dataset.
 *
 * @param examples number of examples
 * @param tokens supervised target tokens (one per classification example)
 * @param loss mean cross-entropy per supervised token (nats)
 * @param accuracy fraction of correct labels for a classifier; NaN for a decoder
 */
public record EvalResult(long examples, long tokens, double loss, double accuracy) {
  /** exp(loss). */
  public double perplexity() {
    return Math.exp(loss);
  }
}
