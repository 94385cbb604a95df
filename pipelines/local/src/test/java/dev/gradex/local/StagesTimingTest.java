package dev.gradex.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.component.stage.Stage;
import dev.gradex.component.stage.StageResult;
import dev.gradex.core.progress.ProgressEvent;
import dev.gradex.tracking.mlflow.NoopTracker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed before its summary.json keeps the seconds of the stages it finished in
 * stage-seconds.json, so the next run, reusing them, reports their real work and not the few
 * milliseconds of checking them (the cost table of {@code gradex bench paper} reads these figures
 * over several sittings).
 */
class StagesTimingTest {
  @TempDir Path dir;

  /** A result that says whether it was computed or found. */
  record Done(boolean reused) implements StageResult {
    @Override
    public Map<String, Double> metrics() {
      return Map.of();
    }

    @Override
    public Map<String, Path> artifacts() {
      return Map.of();
    }
  }

  /** A stage whose work sleeps {@code millis} and leaves a marker its reuse check looks for. */
  record Sleeper(Path marker, long millis, boolean fail) implements Stage<Void, Done> {
    @Override
    public String kind() {
      return "sleeper";
    }

    @Override
    public Void settings() {
      return null;
    }

    @Override
    public String key() {
      return "k";
    }

    @Override
    public Optional<Done> completed() {
      return Files.exists(marker) ? Optional.of(new Done(true)) : Optional.empty();
    }

    @Override
    public Done run() throws Exception {
      Thread.sleep(millis);
      if (fail) {
        throw new IllegalStateException("the work failed");
      }
      Files.writeString(marker, "done");
      return new Done(false);
    }
  }

  private Stages stages(List<ProgressEvent> events) {
    Path summary = dir.resolve(LocalPipeline.SUMMARY);
    return new Stages(new NoopTracker("off"), null, events::add)
        .optPrevious(PreviousTimings.read(summary, events::add))
        .optRecord(dir.resolve(PreviousTimings.STAGE_SECONDS));
  }

  @Test
  void aReusedStageReportsTheSecondsOfTheSittingThatDidItsWork_thoughNoSummaryWasWritten()
      throws Exception {
    Path marker = dir.resolve("marker");
    List<ProgressEvent> events = new ArrayList<>();
    Stages first = stages(events);
    first.run("sleep", "sleep", new Sleeper(marker, 300, false));
    assertThat(first.seconds().get("sleep")).isGreaterThanOrEqualTo(0.3);
    // killed here: no summary.json, only the per-stage record
    assertThat(dir.resolve(LocalPipeline.SUMMARY)).doesNotExist();
    assertThat(dir.resolve(PreviousTimings.STAGE_SECONDS)).exists();

    Stages second = stages(events);
    second.run("sleep", "sleep", new Sleeper(marker, 300, false));
    assertThat(second.thisRunSeconds().get("sleep")).isLessThan(0.3);
    assertThat(second.seconds().get("sleep")).isEqualTo(first.seconds().get("sleep"));
    assertThat(events).noneMatch(e -> e instanceof ProgressEvent.Warning);
  }

  @Test
  void aFailedStageRecordsNoSeconds_andAStageDoneLaterIsAddedToTheRecord() throws Exception {
    Stages first = stages(new ArrayList<>());
    first.run("ok", "ok", new Sleeper(dir.resolve("ok"), 10, false));
    assertThatThrownBy(() -> first.run("bad", "bad", new Sleeper(dir.resolve("bad"), 10, true)))
        .hasMessageContaining("the work failed");
    Map<String, Double> recorded =
        PreviousTimings.read(dir.resolve(LocalPipeline.SUMMARY), e -> {});
    assertThat(recorded).containsOnlyKeys("ok");

    Stages second = stages(new ArrayList<>());
    second.run("ok", "ok", new Sleeper(dir.resolve("ok"), 10, false));
    second.run("late", "late", new Sleeper(dir.resolve("late"), 10, false));
    recorded = PreviousTimings.read(dir.resolve(LocalPipeline.SUMMARY), e -> {});
    assertThat(recorded).containsOnlyKeys("ok", "late");
    assertThat(recorded.get("ok")).isEqualTo(first.seconds().get("ok"));
  }

  @Test
  void theRecordOverlaysTheSummary_andAnUnreadableRecordIsNamedInAWarning() throws Exception {
    Files.writeString(
        dir.resolve(LocalPipeline.SUMMARY), "{\"seconds\": {\"a\": 5.0, \"b\": 7.0}, \"x\": 1}");
    Files.writeString(dir.resolve(PreviousTimings.STAGE_SECONDS), "{\"seconds\": {\"b\": 9.0}}");
    assertThat(PreviousTimings.read(dir.resolve(LocalPipeline.SUMMARY), e -> {}))
        .containsExactlyInAnyOrderEntriesOf(Map.of("a", 5.0, "b", 9.0));

    Files.writeString(dir.resolve(PreviousTimings.STAGE_SECONDS), "{\"seconds\": ");
    List<ProgressEvent> events = new ArrayList<>();
    assertThat(PreviousTimings.read(dir.resolve(LocalPipeline.SUMMARY), events::add))
        .containsExactlyInAnyOrderEntriesOf(Map.of("a", 5.0, "b", 7.0));
    assertThat(events)
        .singleElement()
        .asString()
        .contains(PreviousTimings.STAGE_SECONDS, "reused stages are timed by this run");
  }
}
