package dev.gradex.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.watch.IncrementalPolicy.Decision;
import dev.gradex.watch.SourceDigester.Measure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class IncrementalPolicyTest {
  private static final Instant THETA = Instant.parse("2026-11-01T00:00:00Z");
  private static final Instant NOW = THETA.plus(Duration.ofDays(3));
  private static final IncrementalPolicy POLICY =
      new IncrementalPolicy("/cache/gradex", Duration.ofDays(7), 0.25);

  /** Last full run trained theta* on target and web (100 + 700 bytes). */
  private static final WatchState LAST =
      new WatchState(
          new TreeMap<>(Map.of("target", "sha256:t", "web", "sha256:w")),
          "run-1",
          THETA.toString(),
          IncrementalPolicy.FULL,
          THETA.toString(),
          List.of("target", "web"));

  private static SortedMap<String, Measure> now(long forumBytes) {
    SortedMap<String, Measure> m = new TreeMap<>();
    m.put("target", new Measure("sha256:t", 100));
    m.put("web", new Measure("sha256:w", 700));
    m.put("forum", new Measure("sha256:f", forumBytes));
    return m;
  }

  private static Decision decide(
      WatchState last, Map<String, String> changes, SortedMap<String, Measure> now, Instant at) {
    return POLICY.decide(Optional.of(last), new TreeMap<>(changes), now, () -> true, at);
  }

  @Test
  void onlyNewSourcesWithinAgeAndFraction_runIncrementallyForThemAlone() {
    Decision d = decide(LAST, Map.of("forum", "added"), now(200), NOW);

    assertThat(d.incremental()).isTrue();
    assertThat(d.onlySources()).containsExactly("forum");
    assertThat(POLICY.parameters(d))
        .isEqualTo(Map.of("only_sources", "forum", "reuse_dir", "/cache/gradex"));
    assertThat(d.reason()).contains("0.200");
  }

  @Test
  void thetaOlderThanMaxAge_forcesAFullRun() {
    Decision d = decide(LAST, Map.of("forum", "added"), now(200), THETA.plus(Duration.ofDays(8)));

    assertThat(d.incremental()).isFalse();
    assertThat(POLICY.parameters(d)).containsEntry("only_sources", "");
    assertThat(d.reason()).contains("theta* is PT192H old, more than PT168H");
  }

  @Test
  void moreNewDataThanMaxFraction_forcesAFullRun() {
    Decision d = decide(LAST, Map.of("forum", "added"), now(300), NOW); // 300 / 1100 > 0.25

    assertThat(d.incremental()).isFalse();
    assertThat(d.reason()).contains("0.273 of the data is new since theta*");
  }

  @Test
  void newDataFractionCountsEverythingAddedSinceTheta_acrossIncrementalRuns() {
    WatchState afterIncremental =
        new WatchState(
            new TreeMap<>(Map.of("target", "sha256:t", "web", "sha256:w", "forum", "sha256:f")),
            "run-2",
            NOW.toString(),
            IncrementalPolicy.INCREMENTAL,
            THETA.toString(),
            List.of("target", "web"));
    SortedMap<String, Measure> now = now(200);
    now.put("news", new Measure("sha256:n", 100)); // forum 200 + news 100 of 1100 > 0.25

    Decision d = decide(afterIncremental, Map.of("news", "added"), now, NOW);

    assertThat(d.incremental()).isFalse();
    assertThat(d.reason()).contains("0.273");
  }

  @Test
  void aChangedSource_forcesAFullRunEvenWithNewOnes() {
    Decision d = decide(LAST, Map.of("forum", "added", "web", "changed"), now(10), NOW);

    assertThat(d.incremental()).isFalse();
    assertThat(d.reason()).isEqualTo("source web changed");
  }

  @Test
  void aRemovedSource_forcesAFullRun() {
    SortedMap<String, Measure> now = now(10);
    now.remove("web");

    Decision d = decide(LAST, Map.of("forum", "added", "web", "removed"), now, NOW);

    assertThat(d.incremental()).isFalse();
    assertThat(d.reason()).isEqualTo("source web removed");
  }

  @Test
  void noRecordedRun_aStateWithoutTheta_aFailedRun_orUnknownSizes_forceAFullRun() {
    var changes = new TreeMap<>(Map.of("forum", "added"));
    assertThat(POLICY.decide(Optional.empty(), changes, now(1), () -> true, NOW).reason())
        .isEqualTo("no run recorded yet");
    WatchState old = new WatchState(LAST.digests(), "run-0", THETA.toString());
    assertThat(decide(old, changes, now(1), NOW).reason()).contains("does not say where");
    assertThat(POLICY.decide(Optional.of(LAST), changes, now(1), () -> false, NOW).reason())
        .isEqualTo("the recorded run run-1 did not succeed");
    assertThat(decide(LAST, changes, now(-1), NOW).reason()).isEqualTo("source sizes are unknown");
  }

  @Test
  void badKnobs_areRefusedByName() {
    assertThatThrownBy(() -> new IncrementalPolicy("/r", Duration.ofDays(1), 0))
        .hasMessageContaining("maxNewFraction");
    assertThatThrownBy(() -> new IncrementalPolicy(" ", Duration.ofDays(1), 0.5))
        .hasMessageContaining("reuseDir");
  }
}
