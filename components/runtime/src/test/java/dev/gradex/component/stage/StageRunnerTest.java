package dev.gradex.component.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Json;
import dev.gradex.core.progress.ProgressEvent;
import dev.gradex.tracking.MetricPoint;
import dev.gradex.tracking.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StageRunnerTest {
  @TempDir Path dir;

  /** The fake stage's settings. */
  record Settings(int steps, double rate) {}

  /** The fake stage's result, stored snake_case in the manifest. */
  record Result(
      @JsonProperty("validation_loss") double validationLoss,
      @JsonProperty("train_steps") int trainSteps,
      @JsonProperty("losses") List<Double> losses,
      @JsonIgnore Path out,
      @JsonIgnore boolean reused,
      @JsonIgnore double seconds)
      implements StageResult {
    Result located(Path out, boolean reused) {
      return new Result(validationLoss, trainSteps, losses, out, reused, Double.NaN);
    }

    @Override
    public Map<String, Double> metrics() {
      Map<String, Double> m = new LinkedHashMap<>();
      m.put("validation_loss", validationLoss);
      m.put("train_steps", (double) trainSteps);
      return m;
    }

    @Override
    public Map<String, Path> artifacts() {
      return Map.of("model", out.resolve("model"));
    }

    @Override
    public Map<String, Double> throughput() {
      return Double.isNaN(seconds) ? Map.of() : Map.of("train_seconds", seconds);
    }
  }

  /** Writes {@code model/weights.txt} and counts how often it computed. */
  final class FakeStage implements Stage<Settings, Result> {
    final Settings settings;
    final String kind;
    int computed;

    FakeStage(Settings settings, String kind) {
      this.settings = settings;
      this.kind = kind;
    }

    @Override
    public String kind() {
      return kind;
    }

    @Override
    public Settings settings() {
      return settings;
    }

    @Override
    public String key() {
      return StageManifest.key(Map.of("data", "sha-of-data", "settings", settings));
    }

    @Override
    public Optional<Result> completed() {
      return StageManifest.completed(dir, kind, key(), List.of("model/weights.txt"), Result.class)
          .map(r -> r.located(dir, true));
    }

    @Override
    public Result run() throws Exception {
      computed++;
      Files.createDirectories(dir.resolve("model"));
      Files.writeString(dir.resolve("model/weights.txt"), "w=" + settings.rate());
      return new Result(
          0.25 * settings.steps(), settings.steps(), List.of(1.5, 0.75), dir, false, 3.5);
    }

    @Override
    public Optional<ManifestTarget> manifest() {
      return Optional.of(new ManifestTarget(dir, settings, List.of("model/weights.txt")));
    }

    @Override
    public List<MetricPoint> series() {
      return List.of(new MetricPoint("train_loss", 1.5, 1), new MetricPoint("train_loss", 0.75, 2));
    }
  }

  private final List<String> lines = new ArrayList<>();

  private Result runOnce(RecordingTracker tracker, FakeStage stage) throws Exception {
    return new StageRunner(
            tracker,
            e -> {
              if (e instanceof ProgressEvent.StageDone d) {
                lines.add(d.name() + ": " + d.summary());
              }
            })
        .optParams(Map.of("config.seed", "7"))
        .run(
            "fake",
            stage,
            new StageRunner.Registration("gradex-model", "model", "validation_loss"));
  }

  @Test
  void secondRunInTheSameDirIsReusedAndLogsTheSameMetricsAsTheFirst() throws Exception {
    RecordingTracker tracker = new RecordingTracker();
    FakeStage stage = new FakeStage(new Settings(4, 0.5), "fake");

    Result first = runOnce(tracker, stage);
    Result second = runOnce(tracker, new FakeStage(new Settings(4, 0.5), "fake"));

    assertThat(stage.computed).isEqualTo(1);
    assertThat(first.reused()).isFalse();
    assertThat(second.reused()).isTrue();
    assertThat(second.metrics())
        .isEqualTo(first.metrics())
        .containsExactly(Map.entry("validation_loss", 1.0), Map.entry("train_steps", 4.0));
    RecordingTracker.Run fresh = tracker.runs.get(0);
    RecordingTracker.Run reused = tracker.runs.get(1);
    // throughput only from the process that computed; every deterministic metric from both
    assertThat(fresh.metrics)
        .containsExactly(
            Map.entry("validation_loss", 1.0),
            Map.entry("train_steps", 4.0),
            Map.entry("train_seconds", 3.5));
    assertThat(reused.metrics)
        .containsExactly(Map.entry("validation_loss", 1.0), Map.entry("train_steps", 4.0));
    assertThat(reused.series).isEqualTo(fresh.series).hasSize(2);
    assertThat(reused.params)
        .isEqualTo(fresh.params)
        .containsEntry("config.seed", "7")
        .containsEntry("settings.steps", "4")
        .containsEntry("settings.rate", "0.5");
    assertThat(reused.artifacts).containsEntry(dir.resolve("model"), "model");
    assertThat(reused.registered).containsExactly("gradex-model model validation_loss=1.0");
    assertThat(reused.status).isEqualTo(RunStatus.FINISHED);
    assertThat(reused.tags).containsEntry(StageRunner.REUSED_TAG, "true");
    assertThat(fresh.tags).doesNotContainKey(StageRunner.REUSED_TAG);
    assertThat(lines)
        .containsExactly(
            "fake: {validation_loss=1.0, train_steps=4.0}",
            "fake: (already complete: reused) {validation_loss=1.0, train_steps=4.0}");
  }

  @Test
  void theCallersContextAddsParamsAndDatasetsToTheStageItNames() throws Exception {
    RecordingTracker tracker = new RecordingTracker();
    StageRunner.StageContext context =
        new StageRunner.StageContext() {
          @Override
          public Map<String, String> params(String stage) {
            return Map.of("lora.rank", stage.equals("fake") ? "4" : "?");
          }

          @Override
          public List<Stage.DatasetInput> datasets(String stage) {
            return List.of(new Stage.DatasetInput("target.train", "abc", "/d/t.jsonl", "training"));
          }
        };
    new StageRunner(tracker, e -> {})
        .optContext(context)
        .run("fake", new FakeStage(new Settings(4, 0.5), "fake"));

    assertThat(tracker.runs.get(0).params)
        .containsEntry("lora.rank", "4")
        .containsEntry("settings.steps", "4");
    assertThat(tracker.runs.get(0).datasets).containsExactly("target.train abc training");
  }

  @Test
  void manifestRoundTripsTheTypedResult() throws Exception {
    runOnce(new RecordingTracker(), new FakeStage(new Settings(3, 0.5), "fake"));

    StageManifest<Result> m = StageManifest.read(dir, Result.class);

    assertThat(m.kind()).isEqualTo("fake");
    assertThat(m.formatVersion()).isEqualTo(StageManifest.FORMAT_VERSION);
    assertThat(m.key()).isEqualTo(new FakeStage(new Settings(3, 0.5), "fake").key());
    assertThat(m.results()).isEqualTo(new Result(0.75, 3, List.of(1.5, 0.75), null, false, 0.0));
    assertThat(m.inputs().path("steps").asInt()).isEqualTo(3);
    assertThat(m.files()).containsOnlyKeys("model/weights.txt");
    // throughput and the reused flag are never recorded: a resumed run writes the same bytes
    assertThat(Files.readString(dir.resolve(StageManifest.FILE)))
        .contains("\"validation_loss\" : 0.75", "\"train_steps\" : 3")
        .doesNotContain("seconds", "reused", "out");
  }

  @Test
  void otherKindOtherSettingsChangedFileOrCorruptManifestIsNotReused() throws Exception {
    FakeStage original = new FakeStage(new Settings(4, 0.5), "fake");
    runOnce(new RecordingTracker(), original);

    assertThat(new FakeStage(new Settings(4, 0.5), "other").completed()).isEmpty();
    assertThat(new FakeStage(new Settings(5, 0.5), "fake").completed()).isEmpty();
    assertThat(new FakeStage(new Settings(4, 0.5), "fake").completed()).isPresent();

    Files.writeString(dir.resolve("model/weights.txt"), "edited");
    assertThat(new FakeStage(new Settings(4, 0.5), "fake").completed()).isEmpty();

    Files.writeString(dir.resolve(StageManifest.FILE), "{\"kind\": \"fake\", \"formatV");
    FakeStage rerun = new FakeStage(new Settings(4, 0.5), "fake");
    Result r = runOnce(new RecordingTracker(), rerun);
    assertThat(rerun.computed).isEqualTo(1);
    assertThat(r.reused()).isFalse();
    assertThat(StageManifest.read(dir, Result.class).results().trainSteps()).isEqualTo(4);
  }

  @Test
  void unknownFormatVersionIsRefusedNamingTheFile() throws Exception {
    runOnce(new RecordingTracker(), new FakeStage(new Settings(4, 0.5), "fake"));
    Path file = dir.resolve(StageManifest.FILE);
    var m = (com.fasterxml.jackson.databind.node.ObjectNode) Json.JSON.readTree(file.toFile());
    m.put("formatVersion", 9);
    Files.writeString(file, m.toString());

    assertThatThrownBy(() -> new FakeStage(new Settings(4, 0.5), "fake").completed())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("formatVersion 9 is not 2");
    assertThatThrownBy(() -> StageManifest.read(dir, Result.class))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void untypedVersionOneManifestIsComputedAgainNotReused() throws Exception {
    FakeStage stage = new FakeStage(new Settings(4, 0.5), "fake");
    runOnce(new RecordingTracker(), stage);
    Path file = dir.resolve(StageManifest.FILE);
    var m = (com.fasterxml.jackson.databind.node.ObjectNode) Json.JSON.readTree(file.toFile());
    m.put("formatVersion", 1);
    Files.writeString(file, m.toString());

    assertThat(new FakeStage(new Settings(4, 0.5), "fake").completed()).isEmpty();
    assertThatThrownBy(() -> StageManifest.read(dir, Result.class))
        .hasMessageContaining("version 1 was written by an older GradEx");
  }
}
