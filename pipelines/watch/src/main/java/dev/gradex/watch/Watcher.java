package dev.gradex.watch;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * One watcher pass: digest the sources, compare with the recorded state, and start a run only when
 * they changed and no run is active. The state is recorded only after the run was created, so a
 * failed start is retried on the next pass and never hides a change.
 */
public final class Watcher {
  /** The pipeline parameter that carries the digests (JSON object, source name to digest). */
  public static final String DIGESTS_PARAMETER = "source_digests";

  private final List<SourceSpec> sources;
  private final SourceDigests digests;
  private final StateStore state;
  private final RunLauncher runs;
  private final Clock clock;

  public Watcher(
      List<SourceSpec> sources,
      SourceDigests digests,
      StateStore state,
      RunLauncher runs,
      Clock clock) {
    this.sources = List.copyOf(sources);
    this.digests = digests;
    this.state = state;
    this.runs = runs;
    this.clock = clock;
  }

  public WatchOutcome run(boolean dryRun) throws IOException {
    SortedMap<String, String> now = digests.compute(sources);
    Optional<WatchState> recorded = state.load();
    Map<String, String> before =
        recorded.<Map<String, String>>map(WatchState::digests).orElse(Map.of());
    SortedMap<String, String> changes = WatchState.changes(before, now);
    if (recorded.isPresent() && changes.isEmpty()) {
      return new WatchOutcome(WatchOutcome.Action.UNCHANGED, now, changes, null);
    }
    if (dryRun) {
      return new WatchOutcome(WatchOutcome.Action.WOULD_START, now, changes, null);
    }
    Optional<String> active = runs.activeRun();
    if (active.isPresent()) {
      return new WatchOutcome(WatchOutcome.Action.ACTIVE_RUN, now, changes, active.get());
    }
    String runId = runs.start(now, changes);
    state.save(new WatchState(now, runId, clock.instant().toString()));
    return new WatchOutcome(WatchOutcome.Action.STARTED, now, changes, runId);
  }
}
