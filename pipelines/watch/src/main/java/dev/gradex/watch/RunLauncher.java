package dev.gradex.watch;

import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/** Starts reselection runs and tells whether one is already active. */
public interface RunLauncher {
  /** The id of a run of the watched experiment that has not finished, if any. */
  Optional<String> activeRun();

  /** Starts a run with {@code source_digests} set to these digests; returns its id. */
  String start(SortedMap<String, String> digests, SortedMap<String, String> changes);

  /** As {@link #start(SortedMap, SortedMap)}, with further pipeline parameters. */
  default String start(
      SortedMap<String, String> digests,
      SortedMap<String, String> changes,
      Map<String, Object> parameters) {
    if (!parameters.isEmpty()) {
      throw new UnsupportedOperationException(
          getClass().getName() + " cannot pass the parameters " + parameters);
    }
    return start(digests, changes);
  }

  /** Whether run {@code runId} succeeded; empty if that cannot be told. */
  default Optional<Boolean> succeeded(String runId) {
    return Optional.empty();
  }
}
