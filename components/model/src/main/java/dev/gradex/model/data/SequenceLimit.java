package dev.gradex.model.data;

import dev.gradex.component.settings.Settings;

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

  /** With the catalog's {@code data.appendEos} default (on). */
  public SequenceLimit(int maxLength, boolean truncate) {
    this(maxLength, truncate, Settings.DATA_APPEND_EOS.defaultValue());
  }

  /** The limit in tokens for a model whose context is {@code modelLimit}. */
  public int effective(int modelLimit) {
    return maxLength == 0 ? modelLimit : Math.min(maxLength, modelLimit);
  }
}
