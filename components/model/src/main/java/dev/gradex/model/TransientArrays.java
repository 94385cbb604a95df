package dev.gradex.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Closes, on {@link #close()}, every array that appeared on a long-lived manager (the model's)
 * since this scope opened: views of weights (transposes), gradient handles and the like, which DJL
 * attaches to the weight's manager rather than to the batch's. Wrapping each training step or
 * gradient batch in one keeps native memory flat over arbitrarily many batches. Arrays that must
 * outlive the scope (new parameters, optimizer state) must live on another manager.
 */
public final class TransientArrays implements AutoCloseable {
  private final NDManager manager;
  private final Set<NDArray> before = Collections.newSetFromMap(new IdentityHashMap<>());

  /** Opens a scope over {@code manager}. */
  public TransientArrays(NDManager manager) {
    this.manager = manager;
    before.addAll(manager.getManagedArrays());
  }

  @Override
  public void close() {
    for (NDArray a : manager.getManagedArrays()) {
      if (!before.contains(a)) {
        a.close();
      }
    }
  }
}
