package dev.gradex.tracking.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.tracking.RunStatus;
import dev.gradex.tracking.StageRun;
import dev.gradex.tracking.Tracker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrackersTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_000_000), ZoneOffset.UTC);

  @TempDir Path dir;
  private FakeMlflow server;
  private final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void setUp() throws Exception {
    server = new FakeMlflow();
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private TrackerConfig.Builder base() {
    return TrackerConfig.builder()
        .optRunName("pipeline-1")
        .optSourceName("gradex run")
        .optClock(CLOCK)
        .optSleeper(d -> {})
        .optBufferDir(dir);
  }

  @Test
  void withoutTrackingUriTrackerIsOffAndSaysWhy() {
    try (Tracker t = Trackers.fromEnvironment(env, base());
        StageRun s = t.startStage("meta-train")) {
      s.logMetric("loss", 1.0, 0);
      assertThat(t.summary().message())
          .isEqualTo("MLflow tracking off: MLFLOW_TRACKING_URI is not set.");
    }
    assertThat(server.requests).isEmpty();
  }

  @Test
  void fileTrackingUriTurnsTrackingOffNamingTheProblem() {
    env.put("MLFLOW_TRACKING_URI", "file:///tmp/mlruns");
    try (Tracker t = Trackers.fromEnvironment(env, base())) {
      assertThat(t).isInstanceOf(NoopTracker.class);
      assertThat(t.summary().message())
          .isEqualTo(
              "MLflow tracking off: MLFLOW_TRACKING_URI 'file:///tmp/mlruns': scheme file: is not"
                  + " allowed; expected http, https");
    }
  }

  @Test
  void unknownNestingTurnsTrackingOffNamingTheVariable() {
    env.put("MLFLOW_TRACKING_URI", server.uri());
    env.put("GRADEX_MLFLOW_NESTING", "Flat");
    try (Tracker t = Trackers.fromEnvironment(env, base())) {
      assertThat(t.summary().message())
          .isEqualTo(
              "MLflow tracking off: GRADEX_MLFLOW_NESTING must be auto, nested or join, got flat");
    }
  }

  @Test
  void withoutRunIdParentRunIsCreatedInNamedExperimentAndStagesNestUnderIt() throws Exception {
    env.put("MLFLOW_TRACKING_URI", server.uri());
    env.put("MLFLOW_EXPERIMENT_NAME", "selection");
    env.put("GRADEX_GIT_COMMIT", "abc123");
    env.put("GRADEX_IMAGE", "gradex/cpu:1");
    try (Tracker t = Trackers.fromEnvironment(env, base());
        StageRun s = t.startStage("meta-train")) {
      s.logParams(Map.of("lr", "0.001"));
    }

    assertThat(server.to("experiments/get-by-name")).hasSize(2);
    assertThat(server.to("experiments/get-by-name").get(0).query())
        .isEqualTo("experiment_name=selection");
    var creates = server.to("runs/create");
    assertThat(creates).hasSize(2);
    // Each create carries a fresh idempotency key, looked up (runs/search) before the create.
    com.fasterxml.jackson.databind.node.ArrayNode tags =
        (com.fasterxml.jackson.databind.node.ArrayNode) creates.get(0).body().get("tags");
    JsonNode key = tags.remove(tags.size() - 1);
    assertThat(key.get("key").asText()).isEqualTo("gradex.run_key");
    assertThat(server.to("runs/search")).hasSize(2);
    assertThat(server.to("runs/search").get(0).body().get("filter").asText())
        .isEqualTo("tags.`gradex.run_key` = '" + key.get("value").asText() + "'");
    assertThat(creates.get(0).body())
        .isEqualTo(
            JSON.readTree(
                "{\"experiment_id\":\"7\",\"run_name\":\"pipeline-1\",\"start_time\":1000000,"
                    + "\"tags\":[{\"key\":\"mlflow.source.name\",\"value\":\"gradex run\"},"
                    + "{\"key\":\"mlflow.source.type\",\"value\":\"JOB\"},"
                    + "{\"key\":\"mlflow.user\",\"value\":\""
                    + System.getProperty("user.name")
                    + "\"},"
                    + "{\"key\":\"mlflow.source.git.commit\",\"value\":\"abc123\"},"
                    + "{\"key\":\"gradex.image\",\"value\":\"gradex/cpu:1\"},"
                    + "{\"key\":\"mlflow.runName\",\"value\":\"pipeline-1\"}]}"));
    assertThat(creates.get(1).body().get("run_name").asText()).isEqualTo("meta-train");
    assertThat(creates.get(1).body().get("tags").toString())
        .contains("{\"key\":\"gradex.stage\",\"value\":\"meta-train\"}")
        .contains("{\"key\":\"mlflow.parentRunId\",\"value\":\"run-1\"}");
    var updates = server.to("runs/update");
    assertThat(updates)
        .extracting(r -> r.body().toString())
        .containsExactly(
            "{\"run_id\":\"run-2\",\"status\":\"FINISHED\",\"end_time\":1000000}",
            "{\"run_id\":\"run-1\",\"status\":\"FINISHED\",\"end_time\":1000000}");
  }

  @Test
  void injectedRunIdIsLoggedIntoDirectlyAndLeftRunning() {
    env.put("MLFLOW_TRACKING_URI", server.uri());
    env.put("MLFLOW_EXPERIMENT_ID", "3");
    env.put("MLFLOW_RUN_ID", "kfp-task-run");
    try (Tracker t = Trackers.fromEnvironment(env, base());
        StageRun s = t.startStage("fine-tune")) {
      s.logMetric("test_loss", 0.5, 2);
    }

    assertThat(server.to("runs/create")).isEmpty();
    assertThat(server.to("runs/update")).isEmpty();
    assertThat(server.to("runs/log-batch"))
        .extracting(r -> r.body().toString())
        .containsExactly(
            "{\"tags\":[{\"key\":\"gradex.stage\",\"value\":\"fine-tune\"}],"
                + "\"run_id\":\"kfp-task-run\"}",
            "{\"metrics\":[{\"key\":\"test_loss\",\"value\":0.5,\"timestamp\":1000000,\"step\":2}],"
                + "\"run_id\":\"kfp-task-run\"}",
            "{\"tags\":[{\"key\":\"gradex.stage.status\",\"value\":\"FINISHED\"}],"
                + "\"run_id\":\"kfp-task-run\"}");
  }

  @Test
  void nestedOverrideCreatesStageRunsUnderInjectedRun() {
    env.put("MLFLOW_TRACKING_URI", server.uri());
    env.put("MLFLOW_EXPERIMENT_ID", "3");
    env.put("MLFLOW_RUN_ID", "kfp-pipeline-run");
    env.put("GRADEX_MLFLOW_NESTING", "nested");
    try (Tracker t = Trackers.fromEnvironment(env, base())) {
      t.startStage("estimate-subsets").end(RunStatus.FAILED);
    }

    var creates = server.to("runs/create");
    assertThat(creates).hasSize(1);
    assertThat(creates.get(0).body().get("experiment_id").asText()).isEqualTo("3");
    assertThat(creates.get(0).body().get("tags").toString())
        .contains("{\"key\":\"mlflow.parentRunId\",\"value\":\"kfp-pipeline-run\"}");
    assertThat(server.to("runs/update"))
        .extracting(r -> r.body().toString())
        .containsExactly("{\"run_id\":\"run-1\",\"status\":\"FAILED\",\"end_time\":1000000}");
  }

  @Test
  void tokenIsSentAsBearerAuthorization() {
    env.put("MLFLOW_TRACKING_URI", server.uri());
    env.put("MLFLOW_TRACKING_TOKEN", "s3cret");
    try (Tracker t = Trackers.fromEnvironment(env, base())) {
      t.startStage("meta-train").close();
    }
    assertThat(server.requests).isNotEmpty();
    assertThat(server.requests)
        .allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer s3cret"));
  }
}
