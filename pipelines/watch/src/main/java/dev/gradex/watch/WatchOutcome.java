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
 * @param contention why the pass backed off ({@link Action#CONTENDED}); null otherwise
 */
public record WatchOutcome(
    Action action,
    SortedMap<String, String> digests,
    SortedMap<String, String> changes,
    String runId,
    IncrementalPolicy.Decision decision,
    String contention) {

  public WatchOutcome(
      Action action,
      SortedMap<String, String> digests,
      SortedMap<String, String> changes,
      String runId,
      IncrementalPolicy.Decision decision) {
    this(action, digests, changes, runId, decision, null);
  }

  public WatchOutcome(
      Action action,
      SortedMap<String, String> digests,
      SortedMap<String, String> changes,
      String runId) {
    this(action, digests, changes, runId, null, null);
  }

  /** A pass that found another pass holding the state and backed off. */
  public static WatchOutcome contended(String why) {
    return new WatchOutcome(
        Action.CONTENDED, new java.util.TreeMap<>(), new java.util.TreeMap<>(), null, null, why);
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
    WOULD_START,
    /**
     * Another pass holds the state (a live claim, or it won the race: 409 Conflict); this one
     * measured, started and recorded nothing (the next pass retries).
     */
    CONTENDED
  }

  public String summary() {
    String base =
        switch (action) {
          case UNCHANGED -> "sources unchanged (" + digests.size() + "); no run started";
          case STARTED -> "sources " + changes + "; started run " + runId;
          case ACTIVE_RUN ->
              "sources " + changes + "; run " + runId + " is still active, none started";
          case WOULD_START -> "sources " + changes + "; would start a run (dry run)";
          case CONTENDED -> "backed off, none started: " + contention;
        };
    return decision == null ? base : base + "; " + decision.mode() + ": " + decision.reason();
  }
}
