package dev.gradex.model.gradients;

import dev.gradex.core.store.Split;
import dev.gradex.model.data.Example;

/**
 * One example in the extraction's deterministic order, with the store task and split it goes to.
 *
 * @param split train (every task's training examples) or validation (the target's)
 * @param task store task name; null for validation examples
 * @param example the record
 */
record ExtractionItem(Split split, String task, Example example) {}
