package dev.gradex.estimate;

/** Progress events of an estimate-subsets run; front-ends decide how to show them. */
public interface EstimateListener {
  /** A named phase begins (e.g. "opening store", "task statistics"). */
  default void phase(String name) {}

  /** Subset estimation begins: {@code total} subsets, of which {@code done} were resumed. */
  default void started(int total, int done) {}

  /** {@code count} more subsets have been estimated and journaled. */
  default void progressed(int count) {}

  /** A non-fatal note for the user. */
  default void warn(String message) {}

  /** Listener that ignores everything. */
  EstimateListener SILENT = new EstimateListener() {};
}
