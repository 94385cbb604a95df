package dev.gradex.model.data;

/**
 * The longest token sequence a stage feeds the model, and what happens to a longer example.
 *
 * @param maxLength at most this many tokens; 0 = the model's own limit (its context length)
 * @param truncate cut a longer example ({@link ExampleEncoder} says how) instead of refusing it
 */
public record SequenceLimit(int maxLength, boolean truncate) {
  /** The model's limit; longer examples are refused. */
  public static final SequenceLimit MODEL = new SequenceLimit(0, false);

  public SequenceLimit {
    if (maxLength < 0) {
      throw new IllegalArgumentException("maxSeqLength must be >= 0 (got " + maxLength + ")");
    }
  }

  /** The limit in tokens for a model whose context is {@code modelLimit}. */
  public int effective(int modelLimit) {
    return maxLength == 0 ? modelLimit : Math.min(maxLength, modelLimit);
  }
}
