package dev.gradex.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/**
 * A loss that is a sum over a batch's supervised rows, given chunk by chunk: the scalar loss sum of
 * the rows {@code part} (a range of the batch's supervised rows) from their logits (n, V). A sum
 * over rows is what lets {@link LanguageModel#backwardRecomputed} project and differentiate the
 * vocabulary-sized logits one chunk at a time.
 */
@FunctionalInterface
public interface RowLoss {
  /** The loss sum of rows {@code part} from their logits. */
  NDArray sum(NDArray logits, NDIndex part);
}
