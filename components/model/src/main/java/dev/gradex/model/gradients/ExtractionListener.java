package dev.gradex.model.gradients;

import dev.gradex.core.store.StoreManifest;

/** Progress events of a {@link GradientExtractor}; front-ends print or log them. */
public interface ExtractionListener {
  /**
   * The shard's plan: its examples, its chunks and how many were already written by an earlier,
   * interrupted run (they are not redone).
   */
  default void started(long examples, int chunks, int chunksAlreadyDone) {}

  /** After each batch: examples done in this shard so far, supervised tokens, elapsed seconds. */
  default void batch(long examplesDone, long examples, long tokens, double seconds) {}

  /**
   * Before any compute: {@code truncated} of the shard's {@code examples} are longer than {@code
   * maxLength} tokens and are cut to it (only when truncation is on; otherwise they are refused).
   */
  default void truncated(int truncated, int examples, int maxLength) {}

  /**
   * A batch produced a non-finite output or gradient and was computed again (once); {@code firstId}
   * is its first example. Nothing non-finite is ever written.
   */
  default void recomputed(String firstId) {}

  /**
   * After the shard's last batch: the examples and supervised tokens this run computed (chunks an
   * earlier run finished are not counted) and the seconds they took. Not called if every chunk was
   * already done.
   */
  default void throughput(long examples, long tokens, double seconds) {}

  /** A chunk was committed to disk (safe point for resuming). */
  default void chunkDone(int chunk, int chunks) {}

  /** The shard's store is complete. */
  default void completed(StoreManifest manifest) {}
}
