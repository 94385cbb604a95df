package dev.gradex.core.store;

import java.util.List;

/**
 * Per-task access to a gradient store's examples, as the estimators need them. Implementations
 * either keep every block on the heap or read a block from the memory-mapped store on each call
 * (for stores larger than the heap); either way the returned blocks must not be mutated.
 */
public interface ExampleBlocks {
  /** Projected dimension d. */
  int dim();

  /** Task names, in store order; task {@code i} is {@code taskNames().get(i)}. */
  List<String> taskNames();

  /** Index of the target task's own training examples, or -1 if the store has none. */
  int targetTask();

  /** The training examples of task {@code task} (0-based index into {@link #taskNames()}). */
  ExampleBlock block(int task);

  /** Number of training examples of task {@code task}, without loading its block. */
  int rows(int task);

  /** The target validation examples, on which fhat(S) is evaluated. */
  ExampleBlock validation();
}
