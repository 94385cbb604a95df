package dev.gradex.tracking.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.gradex.core.OutputLock;
import dev.gradex.tracking.MetricPoint;
import dev.gradex.tracking.MutableClock;
import dev.gradex.tracking.StageRun;
import dev.gradex.tracking.Tracker;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MlflowStageRunTest {
  @TempDir Path dir;

  @Test
  void badArgumentsNeverThrowAndAreCountedAsRejected() throws Exception {
    try (FakeMlflow server = new FakeMlflow()) {
      Tracker tracker =
          MlflowTracker.open(
              TrackerConfig.builder()
                  .setTrackingUri(URI.create(server.uri()))
                  .optBufferDir(dir)
                  .build());
      StageRun s = tracker.startStage("meta-train");
      assertThatCode(
              () -> {
                s.logParams(null);
                s.logMetrics(null, 0);
                s.logArtifact(dir.resolve("missing.json"), "x");
                s.logDatasetInput(null, null, null, null);
                s.registerModel(null, null, null, 1.0);
                s.end(null);
                tracker.close();
              })
          .doesNotThrowAnyException();

      assertThat(tracker.summary().rejected()).isEqualTo(5);
      assertThat(tracker.summary().problems())
          .contains("artifact " + dir.resolve("missing.json") + " does not exist");
      assertThat(server.to("runs/update").get(0).body().get("status").asText()).isEqualTo("FAILED");
    }
  }

  @Test
  void aDirectoryArtifactIsUploadedWithoutItsWritersLockFile() throws Exception {
    Path out = dir.resolve("adapter");
    try (FakeMlflow server = new FakeMlflow();
        OutputLock lock = OutputLock.acquire(out)) {
      Files.writeString(out.resolve("adapter_config.json"), "{}");
      Files.writeString(out.resolve("manifest.json"), "{}");
      Tracker tracker =
          MlflowTracker.open(
              TrackerConfig.builder()
                  .setTrackingUri(URI.create(server.uri()))
                  .optBufferDir(dir.resolve("buffer"))
                  .build());
      StageRun s = tracker.startStage("meta-train");
      s.logArtifact(out, "adapter");
      s.end(null);
      tracker.close();

      List<String> uploaded =
          server.to("").stream()
              .filter(r -> r.method().equals("PUT"))
              .map(r -> r.path().substring(r.path().lastIndexOf("/artifacts/") + 11))
              .toList();
      assertThat(uploaded).containsExactly("adapter/adapter_config.json", "adapter/manifest.json");
    }
  }

  @Test
  void longParamValuesAreCutToMlflowLimitAndLargeBatchesSplit() throws Exception {
    try (FakeMlflow server = new FakeMlflow()) {
      Tracker tracker =
          MlflowTracker.open(
              TrackerConfig.builder()
                  .setTrackingUri(URI.create(server.uri()))
                  .optBufferDir(dir)
                  .build());
      Map<String, String> params = new HashMap<>();
      for (int i = 0; i < 150; i++) {
        params.put("p" + i, i == 0 ? "x".repeat(7000) : "v");
      }
      try (StageRun s = tracker.startStage("estimate-subsets")) {
        s.logParams(params);
      }
      tracker.close();

      var batches = server.to("runs/log-batch");
      assertThat(batches).extracting(r -> r.body().get("params").size()).containsExactly(100, 50);
      String p0 =
          batches.stream()
              .flatMap(
                  r ->
                      java.util.stream.StreamSupport.stream(
                          r.body().get("params").spliterator(), false))
              .filter(p -> p.get("key").asText().equals("p0"))
              .findFirst()
              .orElseThrow()
              .get("value")
              .asText();
      assertThat(p0).hasSize(6000);
    }
  }

  @Test
  void datasetSourceTypeFollowsUriScheme() {
    assertThat(MlflowStageRun.sourceType("/data/a.jsonl")).isEqualTo("local");
    assertThat(MlflowStageRun.sourceType("s3://b/k")).isEqualTo("s3");
    assertThat(MlflowStageRun.sourceType("https://h/x")).isEqualTo("http");
    assertThat(MlflowStageRun.sourceType("gs://b/k")).isEqualTo("gs");
  }

  @Test
  void metricBatchWindowSendsHeldPointsTogetherAndBeforeAnyOtherCall() throws Exception {
    MutableClock clock = new MutableClock();
    try (FakeMlflow server = new FakeMlflow()) {
      Tracker tracker =
          MlflowTracker.open(
              TrackerConfig.builder()
                  .setTrackingUri(URI.create(server.uri()))
                  .optBufferDir(dir)
                  .optClock(clock)
                  .optMetricBatchWindow(Duration.ofSeconds(1))
                  .build());
      StageRun s = tracker.startStage("meta-train");
      s.logMetric("loss", 3.0, 0);
      s.logMetric("loss", 2.0, 1);
      assertThat(server.to("runs/log-batch")).isEmpty();
      clock.advance(Duration.ofSeconds(1));
      s.logMetric("loss", 1.0, 2);
      s.logMetric("loss", 0.5, 3);
      s.setTags(Map.of("k", "v"));
      Map<String, Double> wide = new LinkedHashMap<>();
      for (int i = 0; i < 1500; i++) {
        wide.put("m" + i, (double) i);
      }
      s.logMetrics(wide, 4);
      tracker.close();

      assertThat(server.to("runs/log-batch"))
          .extracting(
              r -> r.body().has("metrics") ? "metrics:" + r.body().get("metrics").size() : "tags")
          .containsExactly("metrics:3", "metrics:1", "tags", "metrics:1000", "metrics:500");
    }
  }

  @Test
  void aMetricSeriesOf2500PointsGoesOutInThreeBatchesWithItsSteps() throws Exception {
    try (FakeMlflow server = new FakeMlflow()) {
      Tracker tracker =
          MlflowTracker.open(
              TrackerConfig.builder()
                  .setTrackingUri(URI.create(server.uri()))
                  .optBufferDir(dir)
                  .build());
      List<MetricPoint> curve = new ArrayList<>();
      for (int step = 1; step <= 2500; step++) {
        curve.add(new MetricPoint("train_loss", 1.0 / step, step));
      }
      try (StageRun s = tracker.startStage("meta-train")) {
        s.logMetrics(curve);
      }
      tracker.close();

      var batches = server.to("runs/log-batch");
      assertThat(batches)
          .extracting(r -> r.body().get("metrics").size())
          .containsExactly(1000, 1000, 500);
      var last = batches.get(2).body().get("metrics").get(499);
      assertThat(last.get("step").asLong()).isEqualTo(2500);
      assertThat(last.get("value").asDouble()).isEqualTo(1.0 / 2500);
    }
  }

  @Test
  void aPointKeepsTheTimeItsStepHappened_aPointWithoutOneGetsTheSendTime() throws Exception {
    MutableClock clock = new MutableClock();
    long now = clock.millis();
    try (FakeMlflow server = new FakeMlflow()) {
      Tracker tracker =
          MlflowTracker.open(
              TrackerConfig.builder()
                  .setTrackingUri(URI.create(server.uri()))
                  .optBufferDir(dir)
                  .optClock(clock)
                  .build());
      try (StageRun s = tracker.startStage("meta-train")) {
        s.logMetrics(
            List.of(
                new MetricPoint("train_loss", 2.0, 1, now - 2000),
                new MetricPoint("train_loss", 1.0, 2, now - 1000),
                new MetricPoint("lr", 0.1, 2)));
      }
      tracker.close();

      var metrics = server.to("runs/log-batch").get(0).body().get("metrics");
      assertThat(metrics.findValuesAsText("timestamp"))
          .containsExactly("" + (now - 2000), "" + (now - 1000), "" + now);
    }
  }

  @Test
  void theParentRunTakesParamsAndMetrics_itsEndLeavesTheRunToClose_andRunsNameTheUser()
      throws Exception {
    try (FakeMlflow server = new FakeMlflow()) {
      Tracker tracker =
          MlflowTracker.open(
              TrackerConfig.builder()
                  .setTrackingUri(URI.create(server.uri()))
                  .optBufferDir(dir)
                  .optUser("ada")
                  .build());
      StageRun parent = tracker.parentRun();
      parent.logParams(Map.of("lora.rank", "4"));
      parent.end(null);
      parent.logMetrics(Map.of("final_test_loss", 1.5), 0);
      assertThat(server.to("runs/update")).isEmpty();
      tracker.close();

      assertThat(server.to("runs/update")).hasSize(1);
      assertThat(server.to("runs/log-batch").toString()).contains("lora.rank", "final_test_loss");
      assertThat(server.to("runs/create").get(0).body().toString()).contains("mlflow.user", "ada");
    }
  }
}
