package dev.gradex.tracking.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradex.tracking.LocalMlflow;
import dev.gradex.tracking.MlflowReader;
import dev.gradex.tracking.ModelPromotion;
import dev.gradex.tracking.RunStatus;
import dev.gradex.tracking.StageRun;
import dev.gradex.tracking.Tracker;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logs into a real MLflow server and reads everything back through its REST API. */
@Tag("mlflow")
class MlflowTrackerIT {
  private static final String DIGEST =
      "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  private static String uri;
  private static MlflowReader reader;

  @TempDir Path dir;

  @BeforeAll
  static void server() {
    uri = LocalMlflow.uri();
    reader = new MlflowReader(uri);
  }

  private Tracker tracker(String experiment) {
    return MlflowTracker.open(
        TrackerConfig.builder()
            .setTrackingUri(URI.create(uri))
            .optExperimentName(experiment)
            .optRunName("pipeline-it")
            .optSourceName("gradex-it")
            .optGitCommit("deadbeef")
            .optImage("gradex/cpu:test")
            .optBufferDir(dir.resolve("buffer"))
            .build());
  }

  @Test
  void pipelineRunIsOneParentWithNestedStagesHoldingParamsMetricsDatasetsAndArtifacts()
      throws Exception {
    String experiment = "it-run-" + System.nanoTime();
    Path selection = Files.writeString(dir.resolve("selection.json"), "{\"tasks\":[\"a\",\"c\"]}");
    Path report = Files.createDirectories(dir.resolve("report"));
    Files.writeString(report.resolve("report.html"), "<html>ok</html>");
    Files.createDirectories(report.resolve("tables"));
    Files.writeString(report.resolve("tables/subsets.csv"), "subset,loss\n0,1.5\n");

    Tracker tracker = tracker(experiment);
    try (StageRun train = tracker.startStage("meta-train")) {
      Map<String, String> params = new LinkedHashMap<>();
      params.put("lr", "0.001");
      params.put("lora.rank", "8");
      train.logParams(params);
      double[] curve = {2.0, 1.5, 1.25, 1.125, 1.0625};
      for (int step = 0; step < curve.length; step++) {
        train.logMetric("train_loss", curve[step], step);
      }
      train.logMetrics(Map.of("throughput", 120.5, "grad_norm", 0.75), 4);
      train.setTags(Map.of("gradex.config.digest", "c0ffee"));
      train.logDatasetInput("task-a", DIGEST, "/data/a.jsonl", "train");
      train.logArtifact(selection, "");
      train.logArtifact(report, "report");
    }
    tracker.startStage("estimate-subsets").end(RunStatus.FAILED);
    tracker.close();

    assertThat(tracker.summary().complete()).isTrue();
    assertThat(tracker.summary().delivered()).isEqualTo(18);
    Map<String, JsonNode> runs = reader.runsByName(experiment);
    assertThat(runs).containsOnlyKeys("pipeline-it", "meta-train", "estimate-subsets");
    JsonNode parent = runs.get("pipeline-it");
    String parentId = parent.path("info").path("run_id").asText();
    assertThat(tracker.runId()).contains(parentId);
    assertThat(parent.path("info").path("status").asText()).isEqualTo("FAILED");
    assertThat(MlflowReader.data(parent, "tags"))
        .contains(
            entry("mlflow.runName", "pipeline-it"),
            entry("mlflow.source.name", "gradex-it"),
            entry("mlflow.source.type", "JOB"),
            entry("mlflow.source.git.commit", "deadbeef"),
            entry("gradex.image", "gradex/cpu:test"))
        .doesNotContainKey("mlflow.parentRunId");

    JsonNode train = runs.get("meta-train");
    String trainId = train.path("info").path("run_id").asText();
    assertThat(train.path("info").path("status").asText()).isEqualTo("FINISHED");
    assertThat(MlflowReader.data(train, "tags"))
        .contains(
            entry("mlflow.parentRunId", parentId),
            entry("gradex.stage", "meta-train"),
            entry("gradex.config.digest", "c0ffee"),
            entry("mlflow.source.git.commit", "deadbeef"));
    assertThat(MlflowReader.data(train, "params"))
        .containsOnly(entry("lr", "0.001"), entry("lora.rank", "8"));
    assertThat(reader.history(trainId, "train_loss"))
        .containsExactly("0=2.0", "1=1.5", "2=1.25", "3=1.125", "4=1.0625");
    assertThat(reader.history(trainId, "throughput")).containsExactly("4=120.5");
    assertThat(reader.history(trainId, "grad_norm")).containsExactly("4=0.75");

    JsonNode input = train.path("inputs").path("dataset_inputs").get(0);
    assertThat(input.path("dataset").path("name").asText()).isEqualTo("task-a");
    assertThat(input.path("dataset").path("digest").asText()).isEqualTo(DIGEST.substring(0, 36));
    assertThat(input.path("dataset").path("source_type").asText()).isEqualTo("local");
    assertThat(input.path("dataset").path("source").asText())
        .isEqualTo("{\"uri\":\"/data/a.jsonl\"}");
    assertThat(input.path("dataset").path("profile").asText())
        .isEqualTo("{\"digest\":\"" + DIGEST + "\"}");
    assertThat(input.path("tags").get(0).path("key").asText()).isEqualTo("mlflow.data.context");
    assertThat(input.path("tags").get(0).path("value").asText()).isEqualTo("train");

    assertThat(reader.artifacts(trainId, "")).containsExactly("report/", "selection.json");
    assertThat(reader.artifacts(trainId, "report"))
        .containsExactly("report/report.html", "report/tables/");
    assertThat(reader.artifacts(trainId, "report/tables"))
        .containsExactly("report/tables/subsets.csv");
    assertThat(reader.artifact(train, "selection.json")).isEqualTo("{\"tasks\":[\"a\",\"c\"]}");
    assertThat(reader.artifact(train, "report/tables/subsets.csv"))
        .isEqualTo("subset,loss\n0,1.5\n");

    JsonNode estimate = runs.get("estimate-subsets");
    assertThat(estimate.path("info").path("status").asText()).isEqualTo("FAILED");
    assertThat(MlflowReader.data(estimate, "tags")).contains(entry("mlflow.parentRunId", parentId));
  }

  @Test
  void championMovesOnlyToStrictlyLowerLoss_otherVersionsBecomeChallenger_aPromotionDropsIt()
      throws Exception {
    String model = "gradex-it-" + System.nanoTime();
    Path adapter = Files.createDirectories(dir.resolve("adapter"));
    Files.writeString(adapter.resolve("adapter_config.json"), "{\"r\":8}");

    Tracker tracker = tracker("it-registry-" + System.nanoTime());
    StageRun fineTune = tracker.startStage("fine-tune");
    fineTune.logArtifact(adapter, "adapter");
    Optional<ModelPromotion> first = fineTune.registerModel(model, "adapter", "test_loss", 1.5);
    Optional<ModelPromotion> worse = fineTune.registerModel(model, "adapter", "test_loss", 1.75);
    Optional<ModelPromotion> equal = fineTune.registerModel(model, "adapter", "test_loss", 1.5);
    Optional<ModelPromotion> better = fineTune.registerModel(model, "/adapter/", "test_loss", 1.25);
    fineTune.close();
    tracker.close();

    assertThat(first)
        .contains(
            new ModelPromotion(
                model, "1", "champion", 1.5, Optional.empty(), OptionalDouble.empty()));
    assertThat(worse)
        .contains(
            new ModelPromotion(
                model, "2", "challenger", 1.75, Optional.of("1"), OptionalDouble.of(1.5)));
    assertThat(equal)
        .contains(
            new ModelPromotion(
                model, "3", "challenger", 1.5, Optional.of("1"), OptionalDouble.of(1.5)));
    assertThat(better)
        .contains(
            new ModelPromotion(
                model, "4", "champion", 1.25, Optional.of("1"), OptionalDouble.of(1.5)));
    assertThat(tracker.summary().promotions()).hasSize(4);

    JsonNode champion =
        reader.get("registered-models/alias", Map.of("name", model, "alias", "champion"));
    JsonNode run =
        reader.get(
            "runs/get", Map.of("run_id", champion.path("model_version").path("run_id").asText()));
    assertThat(champion.path("model_version").path("version").asText()).isEqualTo("4");
    assertThat(champion.path("model_version").path("source").asText())
        .isEqualTo(run.path("run").path("info").path("artifact_uri").asText() + "/adapter");
    // The promotion removed challenger: it pointed at version 3, which the old champion had beaten.
    JsonNode aliases =
        reader
            .get("registered-models/get", Map.of("name", model))
            .path("registered_model")
            .path("aliases");
    assertThat(aliases.findValuesAsText("alias"))
        .as(aliases.toString())
        .containsExactly("champion");
    JsonNode v4 = reader.get("model-versions/get", Map.of("name", model, "version", "4"));
    assertThat(v4.path("model_version").path("tags").toString())
        .contains("{\"key\":\"test_loss\",\"value\":\"1.25\"}")
        .contains("{\"key\":\"gradex.loss_metric\",\"value\":\"test_loss\"}");
  }

  @Test
  void injectedKfpRunReceivesStageDataDirectlyAndIsLeftRunning() throws Exception {
    String experiment = "it-kfp-" + System.nanoTime();
    String experimentId =
        reader
            .post("experiments/create", "{\"name\":\"" + experiment + "\"}")
            .path("experiment_id")
            .asText();
    JsonNode created =
        reader.post(
            "runs/create",
            "{\"experiment_id\":\"" + experimentId + "\",\"run_name\":\"kfp-task\"}");
    String runId = created.path("run").path("info").path("run_id").asText();
    Path scores = Files.writeString(dir.resolve("scores.csv"), "task,score\na,0.5\n");
    Map<String, String> env =
        Map.of(
            "MLFLOW_TRACKING_URI", uri,
            "MLFLOW_EXPERIMENT_ID", experimentId,
            "MLFLOW_RUN_ID", runId,
            "GRADEX_IMAGE", "gradex/cpu:kfp");

    Tracker tracker =
        Trackers.fromEnvironment(env, TrackerConfig.builder().optBufferDir(dir.resolve("b")));
    try (StageRun stage = tracker.startStage("estimate-subsets")) {
      stage.logMetric("fidelity.spearman", 0.875, 0);
      stage.logArtifact(scores, "tables");
    }
    tracker.close();

    assertThat(tracker.summary().complete()).isTrue();
    assertThat(tracker.runId()).contains(runId);
    Map<String, JsonNode> runs = reader.runsByName(experiment);
    assertThat(runs).containsOnlyKeys("kfp-task");
    JsonNode run = runs.get("kfp-task");
    assertThat(run.path("info").path("status").asText()).isEqualTo("RUNNING");
    assertThat(MlflowReader.data(run, "tags"))
        .contains(
            entry("gradex.stage", "estimate-subsets"),
            entry("gradex.stage.status", "FINISHED"),
            entry("gradex.image", "gradex/cpu:kfp"));
    assertThat(reader.history(runId, "fidelity.spearman")).containsExactly("0=0.875");
    assertThat(reader.artifact(run, "tables/scores.csv")).isEqualTo("task,score\na,0.5\n");
  }
}
