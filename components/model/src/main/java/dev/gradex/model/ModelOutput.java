package dev.gradex.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import java.util.function.UnaryOperator;

/**
 * What a forward pass returns. For a decoder: {@code hidden} is the final hidden state (B, T, H)
 * and the next-token logits (B, T, V) come from the output projection (the LM head), applied only
 * when asked for: {@link #logitsAt} projects just the rows an objective needs, so no (B, T, V)
 * tensor exists for prompt positions (issue 17). For an encoder: {@code hidden} is the last hidden
 * state (B, T, H) and {@code logits} the classification head's logits (B, labels), computed
 * already.
 */
public final class ModelOutput {
  private final NDArray hidden;
  private final UnaryOperator<NDArray> head;
  private NDArray logits;

  /** An output whose logits are computed already (a classifier's (B, labels)). */
  public ModelOutput(NDArray hidden, NDArray logits) {
    this.hidden = hidden;
    this.logits = logits;
    this.head = null;
  }

  private ModelOutput(NDArray hidden, UnaryOperator<NDArray> head) {
    this.hidden = hidden;
    this.head = head;
  }

  /**
   * A decoder's output: the final hidden states (B, T, H) and its LM head, a map from (..., H) to
   * (..., V) that is applied on demand (within the forward pass's autograd scope).
   */
  public static ModelOutput withHead(NDArray hidden, UnaryOperator<NDArray> head) {
    return new ModelOutput(hidden, head);
  }

  /** The final hidden states (B, T, H). */
  public NDArray hidden() {
    return hidden;
  }

  /** All logits: a decoder's (B, T, V), projected on first use; a classifier's (B, labels). */
  public NDArray logits() {
    if (logits == null) {
      logits = head.apply(hidden);
    }
    return logits;
  }

  /**
   * The logits (N, V) of the given output slots, {@code rows} (N) int64 indexing the flattened
   * slots: a decoder's (B * T) positions, gathered from the hidden states before the LM head (so
   * only these rows are projected), or a classifier's B examples.
   */
  public NDArray logitsAt(NDArray rows) {
    if (head == null || logits != null) {
      NDArray z = logits();
      return z.reshape(-1, z.getShape().get(z.getShape().dimension() - 1))
          .get(new NDIndex("{}", rows));
    }
    NDArray h = hidden.reshape(-1, hidden.getShape().get(2)).get(new NDIndex("{}", rows));
    return head.apply(h);
  }
}
