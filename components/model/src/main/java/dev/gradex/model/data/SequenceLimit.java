package dev.gradex.model.data;

/**
 * How a stage turns an example into the token sequence it feeds the model: the longest sequence,
 * what happens to a longer example, and whether a completion ends with the model's end-of-sequence
 * token.
 *
 * @param maxLength at most this many tokens; 0 = the model's own limit (its context length)
 * @param truncate cut a longer example ({@link ExampleEncoder} says how) instead of refusing it
 * @param appendEos end each completion with the model's EOS token (supervised, so that a fine-tuned
 *     model learns to stop); a no-op for a model without one and for classifiers
 */
public record SequenceLimit(int maxLength, boolean truncate, boolean appendEos) {
  /** The model's limit; longer examples are refused; completions end with EOS (the defaults). */
  public static final SequenceLimit MODEL = new SequenceLimit(0, false);

  public SequenceLimit {
    if (maxLength < 0) {
      throw new IllegalArgumentException("maxSeqLength must be >= 0 (got " + maxLength + ")");
    }
  }

  /**
   * The default of {@code appendEos}: on. The settings catalog's {@code data.appendEos} has the
   * same default (SettingsAgreementTest holds them equal; the model library does not depend on the
   * catalog).
   */
  public static final boolean DEFAULT_APPEND_EOS = true;

  /** With the default {@code appendEos} ({@link #DEFAULT_APPEND_EOS}). */
  public SequenceLimit(int maxLength, boolean truncate) {
    this(maxLength, truncate, DEFAULT_APPEND_EOS);
  }

  /** The limit in tokens for a model whose context is {@code modelLimit}. */
  public int effective(int modelLimit) {
    return maxLength == 0 ? modelLimit : Math.min(maxLength, modelLimit);
  }
}
