package dev.gradex.watch;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.BooleanSupplier;

/**
 * One watcher pass: digest the sources, compare with the recorded state, and start a run only when
 * they changed and no run is active. The state is recorded only after the run was created, so a
 * failed start is retried on the next pass and never hides a change. With an {@link
 * IncrementalPolicy}, the run is told whether to reuse the last full run's theta* and extract the
 * new sources only ({@code only_sources}, {@code reuse_dir}), and the state records where theta*
 * comes from. A pass runs under {@link StateStore#exclusively}: passes that overlap (a burst of
 * changes, a CronJob pod and a hand-run pass) start at most one run per source version.
 */
public final class Watcher {
  /** The pipeline parameter that carries the digests (JSON object, source name to digest). */
  public static final String DIGESTS_PARAMETER = "source_digests";

  private final List<SourceSpec> sources;
  private final SourceDigests digests;
  private final StateStore state;
  private final RunLauncher runs;
  private final Clock clock;
  private final IncrementalPolicy incremental;

  public Watcher(
      List<SourceSpec> sources,
      SourceDigests digests,
      StateStore state,
      RunLauncher runs,
      Clock clock) {
    this(sources, digests, state, runs, clock, null);
  }

  /**
   * @param incremental the policy for incremental runs; null for full runs only
   */
  public Watcher(
      List<SourceSpec> sources,
      SourceDigests digests,
      StateStore state,
      RunLauncher runs,
      Clock clock,
      IncrementalPolicy incremental) {
    this.sources = List.copyOf(sources);
    this.digests = digests;
    this.state = state;
    this.runs = runs;
    this.clock = clock;
    this.incremental = incremental;
  }

  /**
   * One pass; a dry run starts nothing and so needs no exclusion. A pass that finds another holding
   * the state backs off: it starts and records nothing ({@link WatchOutcome.Action#CONTENDED}).
   */
  public WatchOutcome run(boolean dryRun) throws IOException {
    if (dryRun) {
      return pass(true);
    }
    try {
      return state.exclusively(() -> pass(false));
    } catch (StateContendedException e) {
      return WatchOutcome.contended(e.getMessage());
    }
  }

  private WatchOutcome pass(boolean dryRun) throws IOException {
    SortedMap<String, SourceDigester.Measure> measured = digests.measure(sources);
    SortedMap<String, String> now = SourceDigests.digestsOf(measured);
    Optional<WatchState> recorded = state.load();
    Map<String, String> before =
        recorded.<Map<String, String>>map(WatchState::digests).orElse(Map.of());
    SortedMap<String, String> changes = WatchState.changes(before, now);
    if (recorded.isPresent() && changes.isEmpty()) {
      return new WatchOutcome(WatchOutcome.Action.UNCHANGED, now, changes, null);
    }
    Instant at = clock.instant();
    IncrementalPolicy.Decision decision = null;
    if (incremental != null) {
      // A dry run talks to no KFP: it assumes the recorded run succeeded.
      BooleanSupplier succeeded =
          () -> dryRun || recorded.flatMap(s -> runs.succeeded(s.runId())).orElse(false);
      decision = incremental.decide(recorded, changes, measured, succeeded, at);
    }
    if (dryRun) {
      return new WatchOutcome(WatchOutcome.Action.WOULD_START, now, changes, null, decision);
    }
    Optional<String> active = runs.activeRun();
    if (active.isPresent()) {
      return new WatchOutcome(WatchOutcome.Action.ACTIVE_RUN, now, changes, active.get(), decision);
    }
    if (decision == null) {
      String runId = runs.start(now, changes);
      state.save(new WatchState(now, runId, at.toString()));
      return new WatchOutcome(WatchOutcome.Action.STARTED, now, changes, runId);
    }
    String runId = runs.start(now, changes, incremental.parameters(decision));
    state.save(recordState(now, runId, at, decision, recorded));
    return new WatchOutcome(WatchOutcome.Action.STARTED, now, changes, runId, decision);
  }

  /** An incremental run keeps the recorded theta*; a full run trains a new one on everything. */
  private static WatchState recordState(
      SortedMap<String, String> now,
      String runId,
      Instant at,
      IncrementalPolicy.Decision decision,
      Optional<WatchState> recorded) {
    if (decision.incremental()) {
      WatchState last = recorded.orElseThrow();
      return new WatchState(
          now, runId, at.toString(), decision.mode(), last.thetaAt(), last.thetaSources());
    }
    return new WatchState(
        now, runId, at.toString(), decision.mode(), at.toString(), List.copyOf(now.keySet()));
  }
}
