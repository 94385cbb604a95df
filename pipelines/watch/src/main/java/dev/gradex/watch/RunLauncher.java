package dev.gradex.watch;

import java.util.Optional;
import java.util.SortedMap;

/** Starts reselection runs and tells whether one is already active. */
public interface RunLauncher {
  /** The id of a run of the watched experiment that has not finished, if any. */
  Optional<String> activeRun();

  /** Starts a run with {@code source_digests} set to these digests; returns its id. */
  String start(SortedMap<String, String> digests, SortedMap<String, String> changes);
}
