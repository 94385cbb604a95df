package dev.gradex.tracking.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradex.tracking.LocalMlflow;
import dev.gradex.tracking.MlflowReader;
import dev.gradex.tracking.StageRun;
import dev.gradex.tracking.Tracker;
import dev.gradex.tracking.TrackingSummary;
import dev.gradex.tracking.buffer.RetryPolicy;
import dev.gradex.tracking.buffer.SpillFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tracking while MLflow is down loses nothing: calls are buffered and delivered in order. */
@Tag("mlflow")
class OutageIT {
  private static final RetryPolicy FAST =
      new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofHours(1));
  private static String uri;
  private static MlflowReader reader;

  @TempDir Path dir;
  private final List<Duration> sleeps = new ArrayList<>();

  @BeforeAll
  static void server() {
    uri = LocalMlflow.uri();
    reader = new MlflowReader(uri);
  }

  private TrackerConfig config(String trackingUri, String experiment) {
    return TrackerConfig.builder()
        .setTrackingUri(URI.create(trackingUri))
        .optExperimentName(experiment)
        .optRunName("pipeline-outage")
        .optBufferDir(dir.resolve("buffer"))
        .optRetryPolicy(FAST)
        .optSleeper(sleeps::add)
        .optTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(30))
        .build();
  }

  @Test
  void callsMadeWhileServerIsDownReachItInOrderWhenItReturns() throws Exception {
    String experiment = "it-outage-" + System.nanoTime();
    Path manifest = Files.writeString(dir.resolve("manifest.json"), "{\"kind\":\"store\"}");
    try (ToggleProxy proxy = new ToggleProxy(uri)) {
      Tracker tracker = MlflowTracker.open(config(proxy.uri(), experiment));
      StageRun stage = tracker.startStage("extract-gradients");
      stage.logMetric("throughput", 10.0, 0);
      stage.logMetric("throughput", 11.0, 1);

      proxy.down();
      stage.logMetric("throughput", 12.0, 2);
      stage.logMetric("throughput", 13.0, 3);
      stage.logParams(Map.of("shards", "4"));
      stage.logArtifact(manifest, "store");
      stage.setTags(Map.of("gradex.store.digest", "abc"));
      stage.logMetric("throughput", 14.0, 4);

      TrackingSummary during = tracker.summary();
      assertThat(during.pending()).isEqualTo(6);
      assertThat(during.delivered()).isEqualTo(4);
      assertThat(during.message())
          .startsWith("MLflow unreachable at " + proxy.uri() + ": 6 calls buffered in " + dir);
      assertThat(sleeps).hasSize(2);
      assertThat(sleeps.get(0)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
      assertThat(sleeps.get(1)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
      Path buffer = during.bufferFile().orElseThrow();
      assertThat(new SpillFile(buffer).read().calls()).hasSize(6);

      proxy.up();
      assertThat(tracker.flush()).isTrue();
      stage.close();
      tracker.close();

      TrackingSummary after = tracker.summary();
      assertThat(after.complete()).isTrue();
      assertThat(after.delivered()).isEqualTo(12);
      assertThat(after.message()).isEqualTo("MLflow at " + proxy.uri() + ": 12 calls delivered.");
      assertThat(Files.exists(buffer)).isFalse();
    }
    JsonNode run = reader.runsByName(experiment).get("extract-gradients");
    String runId = run.path("info").path("run_id").asText();
    assertThat(reader.history(runId, "throughput"))
        .containsExactly("0=10.0", "1=11.0", "2=12.0", "3=13.0", "4=14.0");
    assertThat(MlflowReader.data(run, "params")).containsOnly(entry("shards", "4"));
    assertThat(MlflowReader.data(run, "tags")).contains(entry("gradex.store.digest", "abc"));
    assertThat(reader.artifact(run, "store/manifest.json")).isEqualTo("{\"kind\":\"store\"}");
    assertThat(run.path("info").path("status").asText()).isEqualTo("FINISHED");
  }

  @Test
  void laterProcessFlushesWhatATrackerThatNeverReachedTheServerLeftBehind() throws Exception {
    String experiment = "it-flush-" + System.nanoTime();
    int deadPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      deadPort = s.getLocalPort();
    }
    String dead = "http://127.0.0.1:" + deadPort;
    Path adapterDir = Files.createDirectories(dir.resolve("work/adapter"));
    Files.writeString(adapterDir.resolve("adapter_config.json"), "{\"r\":4}");

    Tracker tracker = MlflowTracker.open(config(dead, experiment));
    try (StageRun fineTune = tracker.startStage("fine-tune")) {
      fineTune.logParams(Map.of("epochs", "3"));
      fineTune.logMetric("test_loss", 0.875, 0);
      fineTune.logDatasetInput("target-test", "d1g3st", "s3://bucket/test.jsonl", "test");
      fineTune.logArtifact(adapterDir, "adapter");
      assertThat(fineTune.registerModel("never-" + experiment, "adapter", "test_loss", 0.875))
          .isEmpty();
    }
    tracker.close();
    TrackingSummary left = tracker.summary();
    Path buffer = left.bufferFile().orElseThrow();
    assertThat(left.delivered()).isZero();
    assertThat(left.pending()).isEqualTo(9);
    assertThat(left.message())
        .isEqualTo(
            "MLflow unreachable at "
                + dead
                + ": 9 calls buffered in "
                + buffer
                + "; run `gradex tracking flush --buffer "
                + buffer
                + " --tracking-uri "
                + dead
                + "` later (0 delivered).");
    deleteTree(dir.resolve("work")); // the stage's work directory is gone, the buffer is not

    TrackingSummary flushed =
        Trackers.flushBuffer(buffer, URI.create(uri), Optional.empty(), FAST, d -> {});

    assertThat(flushed.complete()).isTrue();
    assertThat(flushed.delivered()).isEqualTo(9);
    assertThat(flushed.promotions()).extracting(p -> p.alias()).containsExactly("champion");
    assertThat(Files.exists(buffer)).isFalse();
    Map<String, JsonNode> runs = reader.runsByName(experiment);
    assertThat(runs).containsOnlyKeys("pipeline-outage", "fine-tune");
    JsonNode run = runs.get("fine-tune");
    String runId = run.path("info").path("run_id").asText();
    assertThat(MlflowReader.data(run, "tags"))
        .contains(
            entry(
                "mlflow.parentRunId",
                runs.get("pipeline-outage").path("info").path("run_id").asText()));
    assertThat(MlflowReader.data(run, "params")).containsOnly(entry("epochs", "3"));
    assertThat(reader.history(runId, "test_loss")).containsExactly("0=0.875");
    JsonNode input = run.path("inputs").path("dataset_inputs").get(0).path("dataset");
    assertThat(input.path("source_type").asText()).isEqualTo("s3");
    assertThat(reader.artifact(run, "adapter/adapter_config.json")).isEqualTo("{\"r\":4}");
    assertThat(run.path("info").path("status").asText()).isEqualTo("FINISHED");
    assertThat(runs.get("pipeline-outage").path("info").path("status").asText())
        .isEqualTo("FINISHED");
  }

  private static void deleteTree(Path root) throws Exception {
    try (var s = Files.walk(root)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
