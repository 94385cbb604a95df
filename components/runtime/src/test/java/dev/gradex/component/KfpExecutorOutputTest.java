package dev.gradex.component;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KfpExecutorOutputTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  /** A 2.17-shaped executor input with outputs {@code names}, its output file under {@code dir}. */
  static String executorInput(Path outputFile, String... names) throws Exception {
    ObjectNode in = (ObjectNode) JSON.readTree(KfpExecutorInputTest.fixture());
    ObjectNode outputs = in.putObject("outputs");
    ObjectNode artifacts = outputs.putObject("artifacts");
    for (String n : names) {
      ObjectNode a = artifacts.putObject(n).putArray("artifacts").addObject();
      a.put("name", n).put("uri", "minio://mlpipeline/v2/artifacts/gradex/run/task/salt/" + n);
      a.putObject("type").put("schemaTitle", "system.Dataset").put("schemaVersion", "0.0.1");
    }
    outputs.put("outputFile", outputFile.toString());
    return JSON.writeValueAsString(in);
  }

  @Test
  void everyListedOutput_isWrittenWithItsUriAndMetadata() throws Exception {
    Path file = dir.resolve("task/output_metadata.json");
    KfpExecutorInput in =
        KfpExecutorInput.parse(executorInput(file, "selection", "report", "metrics"));
    Map<String, Map<String, ?>> outputs = new LinkedHashMap<>();
    outputs.put("selection", Map.of());
    outputs.put("report", Map.of());
    outputs.put("metrics", Map.of("loss", 0.25, "count", 3.0));

    KfpExecutorOutput.write(in, outputs);

    JsonNode out = JSON.readTree(file.toFile());
    assertThat(out.path("artifacts").fieldNames())
        .toIterable()
        .containsExactly("selection", "report", "metrics");
    for (String n : List.of("selection", "report", "metrics")) {
      JsonNode a = out.path("artifacts").path(n).path("artifacts").get(0);
      assertThat(a.path("name").asText()).isEqualTo(n);
      assertThat(a.path("uri").asText())
          .isEqualTo("minio://mlpipeline/v2/artifacts/gradex/run/task/salt/" + n);
      assertThat(a.path("metadata").isObject()).isTrue();
      assertThat(a.has("type")).as("not part of what the SDK's executor writes").isFalse();
    }
    JsonNode m = out.path("artifacts").path("metrics").path("artifacts").get(0).path("metadata");
    assertThat(m.path("loss").asDouble()).isEqualTo(0.25);
    assertThat(m.path("count").asDouble()).isEqualTo(3.0);
    try (var files = Files.list(file.getParent())) {
      assertThat(files).as("written by rename; no temporary left").containsExactly(file);
    }
  }

  @Test
  void publish_listsTheOtherOutputsAndTheMetricsWithTheirNumbers() throws Exception {
    Path file = dir.resolve("executor_output.json");
    Path metricsOut = dir.resolve("metrics.json");
    Optional<KfpExecutorInput> kfp =
        Optional.of(KfpExecutorInput.parse(executorInput(file, "adapter", "metrics")));

    ComponentOutputs.publish(Map.of("loss", 0.5, "note", "x"), metricsOut, kfp, "adapter");

    JsonNode out = JSON.readTree(file.toFile()).path("artifacts");
    assertThat(out.path("adapter").path("artifacts").get(0).path("metadata").isEmpty()).isTrue();
    JsonNode m = out.path("metrics").path("artifacts").get(0).path("metadata");
    assertThat(m.path("loss").asDouble()).isEqualTo(0.5);
    assertThat(m.has("note")).isFalse();
    assertThat(JSON.readTree(metricsOut.toFile()).path("loss").asDouble()).isEqualTo(0.5);
  }

  @Test
  void outsideKfp_onlyTheMetricsFileIsWritten() throws Exception {
    Path metricsOut = dir.resolve("metrics.json");
    ComponentOutputs.publish(Map.of("loss", 0.5), metricsOut, Optional.empty(), "adapter");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(metricsOut);
    }
  }
}
