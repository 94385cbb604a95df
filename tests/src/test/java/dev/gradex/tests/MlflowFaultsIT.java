package dev.gradex.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradex.tests.faults.FaultProxy;
import dev.gradex.tests.faults.FaultProxy.Action;
import dev.gradex.tracking.StageRun;
import dev.gradex.tracking.Tracker;
import dev.gradex.tracking.TrackingSummary;
import dev.gradex.tracking.buffer.RetryPolicy;
import dev.gradex.tracking.mlflow.MlflowTracker;
import dev.gradex.tracking.mlflow.TrackerConfig;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tracking to a real MLflow server through a fault-injecting proxy: 503s are retried with jittered
 * pauses and the run is logged exactly once; a create-run whose answer never reaches the client
 * (the server made the run) is found by its {@code gradex.run_key} instead of being made twice; a
 * server that stays down costs a bounded number of attempts, then the calls are buffered and
 * delivered once it is back.
 */
@Tag("mlflow")
class MlflowFaultsIT {
  private static final RetryPolicy POLICY =
      new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofHours(1));
  private static final String GATEWAY_503 = "upstream connect error or disconnect/reset";

  @TempDir static Path dir;
  private static MlflowServer mlflow;
  private final List<Duration> sleeps = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    mlflow = MlflowServer.start(dir.resolve("mlflow"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (mlflow != null) {
      mlflow.close();
    }
  }

  private Tracker open(FaultProxy proxy, String experiment) {
    return MlflowTracker.open(
        TrackerConfig.builder()
            .setTrackingUri(proxy.uri())
            .optExperimentName(experiment)
            .optRunName("pipeline-faults")
            .optBufferDir(dir.resolve("buffer-" + experiment))
            .optRetryPolicy(POLICY)
            .optSleeper(sleeps::add)
            .optTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3))
            .build());
  }

  /** One stage: a param, two metric points. */
  private static void logStage(Tracker tracker) throws Exception {
    try (StageRun stage = tracker.startStage("meta-train")) {
      stage.logParams(Map.of("lr", "0.01"));
      stage.logMetric("loss", 0.5, 0);
      stage.logMetric("loss", 0.25, 1);
    }
  }

  @Test
  void first503sAreRetried_andTheRunIsLoggedCompletelyExactlyOnce() throws Exception {
    String experiment = "faults-503-" + System.nanoTime();
    try (FaultProxy proxy =
        new FaultProxy(
            URI.create(mlflow.uri()),
            (i, m, p) ->
                i < 3 ? Action.answer(503, "text/plain", GATEWAY_503) : Action.forward())) {
      Tracker tracker = open(proxy, experiment);
      logStage(tracker);
      tracker.close();

      assertThat(tracker.summary().complete()).as(tracker.summary().message()).isTrue();
      assertThat(proxy.seen().stream().filter(s -> s.status() == 503)).hasSize(3);
      assertThat(sleeps).as(proxy.seen().toString()).hasSize(3);
      for (int k = 0; k < 3; k++) {
        Duration c = POLICY.delayAfter(k + 1);
        assertThat(sleeps.get(k)).isBetween(c.dividedBy(2), c);
      }
      System.out.printf(
          "FAULTS mlflow-503x3: %d requests at the proxy, %d answered 503, pauses %s%n",
          proxy.seen().size(), 3, sleeps);
    }
    Map<String, List<JsonNode>> runs = runsByName(experiment);
    assertThat(runs.keySet()).containsExactly("meta-train", "pipeline-faults");
    assertThat(runs.values()).allSatisfy(list -> assertThat(list).hasSize(1));
    JsonNode stage = runs.get("meta-train").get(0);
    assertThat(stage.at("/data/params").findValuesAsText("key")).containsExactly("lr");
    assertThat(history(stage.at("/info/run_id").asText(), "loss"))
        .containsExactly("0=0.5", "1=0.25");
  }

  @Test
  void createRunAnsweredTooLateAfterTheServerMadeIt_leavesExactlyOneRun() throws Exception {
    String experiment = "faults-timeout-" + System.nanoTime();
    boolean[] delayed = {false};
    try (FaultProxy proxy =
        new FaultProxy(
            URI.create(mlflow.uri()),
            (i, m, p) -> {
              synchronized (delayed) {
                if (p.endsWith("/runs/create") && !delayed[0]) {
                  delayed[0] = true;
                  return Action.forwardThenDelay(Duration.ofMillis(4500));
                }
              }
              return Action.forward();
            })) {
      Tracker tracker = open(proxy, experiment);
      logStage(tracker);
      tracker.close();

      assertThat(tracker.summary().complete()).as(tracker.summary().message()).isTrue();
      assertThat(delayed[0]).isTrue();
      // Two runs, two creates: the retry found the first one by its key and did not create again.
      assertThat(proxy.count("POST", "/runs/create")).as(proxy.seen().toString()).isEqualTo(2);
      assertThat(proxy.count("POST", "/runs/search")).isGreaterThanOrEqualTo(3);
      System.out.printf(
          "FAULTS mlflow-create-timeout: %d requests at the proxy, %d creates, pauses %s%n",
          proxy.seen().size(), proxy.count("POST", "/runs/create"), sleeps);
    }
    Map<String, List<JsonNode>> runs = runsByName(experiment);
    assertThat(runs.keySet()).containsExactly("meta-train", "pipeline-faults");
    assertThat(runs.values()).allSatisfy(list -> assertThat(list).hasSize(1));
    JsonNode stage = runs.get("meta-train").get(0);
    assertThat(history(stage.at("/info/run_id").asText(), "loss"))
        .containsExactly("0=0.5", "1=0.25");
    assertThat(stage.at("/data/tags").findValuesAsText("key")).contains("gradex.run_key");
  }

  @Test
  void serverThatStays503_costsBoundedAttempts_thenBuffers_andFlushDeliversOnce() throws Exception {
    String experiment = "faults-down-" + System.nanoTime();
    try (FaultProxy proxy =
        new FaultProxy(
            URI.create(mlflow.uri()), (i, m, p) -> Action.answer(503, "text/plain", GATEWAY_503))) {
      Tracker tracker = open(proxy, experiment);
      logStage(tracker);

      TrackingSummary down = tracker.summary();
      assertThat(proxy.seen()).hasSize(POLICY.maxAttempts());
      assertThat(sleeps).hasSize(POLICY.maxAttempts() - 1);
      assertThat(down.complete()).isFalse();
      assertThat(down.bufferFile()).isPresent();
      assertThat(down.message()).startsWith("MLflow unreachable at " + proxy.uri());
      Duration waited = sleeps.stream().reduce(Duration.ZERO, Duration::plus);
      System.out.printf(
          "FAULTS mlflow-down: %d attempts at the proxy, then buffered; pauses %s (total %d ms)%n",
          proxy.seen().size(), sleeps, waited.toMillis());

      proxy.script((i, m, p) -> Action.forward());
      assertThat(tracker.flush()).isTrue();
      tracker.close();
      assertThat(tracker.summary().complete()).isTrue();
    }
    Map<String, List<JsonNode>> runs = runsByName(experiment);
    assertThat(runs.keySet()).containsExactly("meta-train", "pipeline-faults");
    assertThat(runs.values()).allSatisfy(list -> assertThat(list).hasSize(1));
    assertThat(history(runs.get("meta-train").get(0).at("/info/run_id").asText(), "loss"))
        .as(runs.toString())
        .containsExactly("0=0.5", "1=0.25");
  }

  private static Map<String, List<JsonNode>> runsByName(String experiment) throws Exception {
    String id =
        mlflow
            .get(
                "/api/2.0/mlflow/experiments/get-by-name?experiment_name="
                    + URLEncoder.encode(experiment, StandardCharsets.UTF_8))
            .at("/experiment/experiment_id")
            .asText();
    JsonNode r =
        mlflow.post(
            "/api/2.0/mlflow/runs/search",
            Map.of("experiment_ids", List.of(id), "max_results", 100));
    Map<String, List<JsonNode>> out = new TreeMap<>();
    for (JsonNode run : r.path("runs")) {
      out.computeIfAbsent(run.at("/info/run_name").asText(), k -> new ArrayList<>()).add(run);
    }
    return out;
  }

  private static List<String> history(String runId, String key) throws Exception {
    JsonNode h =
        mlflow.get(
            "/api/2.0/mlflow/metrics/get-history?max_results=1000&run_id="
                + runId
                + "&metric_key="
                + key);
    List<String> out = new ArrayList<>();
    for (JsonNode m : h.path("metrics")) {
      out.add(m.path("step").asLong() + "=" + m.path("value").asDouble());
    }
    return out;
  }
}
