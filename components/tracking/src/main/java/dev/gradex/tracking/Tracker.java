package dev.gradex.tracking;

import java.util.Map;
import java.util.Optional;

/**
 * One pipeline run in the tracking server: the parent of one run per stage. Methods never throw
 * because the server is down; {@link #summary()} says at the end what was delivered.
 */
public interface Tracker extends AutoCloseable {

  /** Starts the run of one stage (a nested run, or the injected run when joining one). */
  StageRun startStage(String name);

  /** What a stage does inside its run; it may log to {@code run}. */
  @FunctionalInterface
  interface StageWork<T> {
    T run(StageRun run) throws Exception;
  }

  /**
   * Runs {@code work} as the stage {@code name}: the stage run ends FINISHED when the work returns
   * and FAILED when it throws (the exception goes on to the caller), and is closed either way.
   */
  default <T> T inStage(String name, StageWork<T> work) throws Exception {
    StageRun run = startStage(name);
    try {
      T result = work.run(run);
      run.end(RunStatus.FINISHED);
      return result;
    } catch (Exception | Error e) {
      run.end(RunStatus.FAILED);
      throw e;
    } finally {
      run.close();
    }
  }

  /**
   * Sets tags on the parent run itself (the run the stages nest under, or the joined run): what a
   * user should see on the run without opening a stage, e.g. a warning.
   */
  default void setRunTags(Map<String, String> tags) {}

  /**
   * The parent run itself (or the joined run), for what belongs to the whole pipeline run: every
   * setting as a param, the headline metrics, the datasets it read, the configuration file. Its
   * {@code end} and {@code close} do nothing: {@link #close()} ends the parent run.
   */
  StageRun parentRun();

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
