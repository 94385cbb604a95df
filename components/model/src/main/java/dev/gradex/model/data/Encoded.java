package dev.gradex.model.data;

/**
 * An example as token ids with its supervised targets. For a decoder, {@code targets[t]} is the
 * token that the logits at position t must predict ({@code ids[t+1]}) and {@code supervised[t]}
 * says whether it counts (completion tokens only; the prompt is masked). For a classifier there is
 * one target, the label, and one supervised slot.
 *
 * @param example the source record
 * @param ids token ids, length L
 * @param targets gold ids per output slot (L for a decoder, 1 for a classifier)
 * @param supervised whether each slot is supervised; at least one is
 * @param fullLength the record's length in tokens before any truncation (L if it was not cut)
 */
public record Encoded(
    Example example, long[] ids, long[] targets, boolean[] supervised, int fullLength) {
  /** An example that was not truncated. */
  public Encoded(Example example, long[] ids, long[] targets, boolean[] supervised) {
    this(example, ids, targets, supervised, ids.length);
  }

  /** Number of supervised target tokens (the store's token count). */
  public int targetTokens() {
    int n = 0;
    for (boolean b : supervised) {
      n += b ? 1 : 0;
    }
    return n;
  }

  /** Whether the record was cut to fit the sequence limit. */
  public boolean truncated() {
    return fullLength > ids.length;
  }
}
