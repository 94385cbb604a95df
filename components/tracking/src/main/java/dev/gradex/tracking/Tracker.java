package dev.gradex.tracking;

import java.util.Optional;

/**
 * One pipeline run in the tracking server: the parent of one run per stage. Methods never throw
 * because the server is down; {@link #summary()} says at the end what was delivered.
 */
public interface Tracker extends AutoCloseable {

  /** Starts the run of one stage (a nested run, or the injected run when joining one). */
  StageRun startStage(String name);

  /** The parent run's MLflow id, once the server assigned it (or the joined run's id). */
  Optional<String> runId();

  /** What has been delivered, buffered or rejected so far. */
  TrackingSummary summary();

  /**
   * Tries once more to deliver what is buffered (with the full retry schedule).
   *
   * @return true when nothing is pending any more
   */
  boolean flush();

  /** Ends open stages and the parent run (if this tracker created it), then flushes. */
  @Override
  void close();
}
