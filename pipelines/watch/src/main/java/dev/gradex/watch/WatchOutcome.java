package dev.gradex.watch;

import java.util.SortedMap;

/**
 * What one watcher pass did.
 *
 * @param action what happened
 * @param digests the digests computed now
 * @param changes source name to {@code added}, {@code changed} or {@code removed}
 * @param runId the run started, or the active run that blocked one; null otherwise
 * @param decision full or incremental, and why; null when incremental reselection is off or nothing
 *     changed
 */
public record WatchOutcome(
    Action action,
    SortedMap<String, String> digests,
    SortedMap<String, String> changes,
    String runId,
    IncrementalPolicy.Decision decision) {

  public WatchOutcome(
      Action action,
      SortedMap<String, String> digests,
      SortedMap<String, String> changes,
      String runId) {
    this(action, digests, changes, runId, null);
  }

  /** The possible results of a pass. */
  public enum Action {
    /** Digests equal the recorded ones: nothing to do. */
    UNCHANGED,
    /** Digests changed and a run was started and recorded. */
    STARTED,
    /**
     * Digests changed but a run is still active; nothing started or recorded (next pass retries).
     */
    ACTIVE_RUN,
    /** Digests changed; dry run, nothing started. */
    WOULD_START
  }

  public String summary() {
    String base =
        switch (action) {
          case UNCHANGED -> "sources unchanged (" + digests.size() + "); no run started";
          case STARTED -> "sources " + changes + "; started run " + runId;
          case ACTIVE_RUN ->
              "sources " + changes + "; run " + runId + " is still active, none started";
          case WOULD_START -> "sources " + changes + "; would start a run (dry run)";
        };
    return decision == null ? base : base + "; " + decision.mode() + ": " + decision.reason();
  }
}
