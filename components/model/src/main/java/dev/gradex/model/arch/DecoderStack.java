package dev.gradex.model.arch;

import ai.djl.ndarray.NDArray;
import dev.gradex.model.ModelOutput;

/**
 * A decoder's forward pass for one batch cut at its layer boundaries: the embedding, each layer
 * (with the batch's attention bias and position tables bound) and the head (final norm, LM head).
 * The plain forward pass runs them in a row; {@link LayerRecompute} runs them one at a time.
 */
interface DecoderStack {
  /** The embedded input (B, T, H). */
  NDArray embed();

  /** The number of layers. */
  int layers();

  /** Layer {@code i} applied to its input (B, T, H). */
  NDArray layer(int i, NDArray x);

  /** The final norm of the last layer's output (B, T, H). */
  NDArray finalNorm(NDArray x);

  /** The LM head: (..., H) to (..., V). */
  NDArray lmHead(NDArray h);

  /** Whether the LM head trains (LoRA on it or a saved {@code lm_head}); then no recomputation. */
  boolean headTrains();

  /** The output of the whole pass given the last layer's output. */
  default ModelOutput head(NDArray x) {
    NDArray h = finalNorm(x);
    return headTrains() ? new ModelOutput(h, lmHead(h)) : ModelOutput.withHead(h, this::lmHead);
  }

  /** The plain forward pass: every piece in a row. */
  default ModelOutput run() {
    NDArray x = embed();
    for (int i = 0; i < layers(); i++) {
      x = layer(i, x);
    }
    return head(x);
  }
}
