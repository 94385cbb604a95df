package dev.gradex.model.train;

/**
 * Evaluation of a model on a dataset.
 *
 * @param examples number of examples
 * @param tokens supervised target tokens (one per classification example)
 * @param loss mean cross-entropy per supervised token (nats): per example for a classifier (one
 *     label each), per completion token for a language model
 * @param accuracy fraction of correct labels for a classifier; NaN for a decoder
 * @param outputLoss mean over examples of log(1 + exp(-o(z))), o(z) the mean gold-token logit-odds:
 *     what GradEx's estimate fhat predicts (NaN with no examples)
 * @param macroF1 mean per-label F1 for a classifier ({@link Confusion#macroF1()}); NaN for a
 *     decoder
 */
public record EvalResult(
    long examples, long tokens, double loss, double accuracy, double outputLoss, double macroF1) {
  /** Whether this evaluated a classifier (accuracy and macro-F1 are defined). */
  public boolean classification() {
    return !Double.isNaN(accuracy);
  }

  /** exp(loss). */
  public double perplexity() {
    return Math.exp(loss);
  }
}
