package dev.gradex.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.core.InvalidInputException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KfpExecutorOutputTest {
  @TempDir Path dir;

  @Test
  void metricsBecomeTheOutputArtifactsMetadata() throws Exception {
    Path file = dir.resolve("out/executor_output.json");
    String input =
        "{\"outputs\":{\"artifacts\":{\"metrics\":{\"artifacts\":[{\"name\":\"m\",\"uri\":\"s3://b/m\","
            + "\"type\":{\"schemaTitle\":\"system.Metrics\"},\"metadata\":{}}]}},\"outputFile\":\""
            + file
            + "\"}}";
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("loss", 0.25);
    metrics.put("count", 3.0);
    KfpExecutorOutput.writeMetrics(input, "metrics", metrics);

    JsonNode out = new ObjectMapper().readTree(file.toFile());
    JsonNode a = out.path("artifacts").path("metrics").path("artifacts").get(0);
    assertThat(a.path("uri").asText()).isEqualTo("s3://b/m");
    assertThat(a.path("type").path("schemaTitle").asText()).isEqualTo("system.Metrics");
    assertThat(a.path("metadata").path("loss").asDouble()).isEqualTo(0.25);
    assertThat(a.path("metadata").path("count").asDouble()).isEqualTo(3.0);
  }

  @Test
  void inputWithoutTheArtifactIsRefusedNamingTheOption() {
    assertThatThrownBy(
            () -> KfpExecutorOutput.writeMetrics("{\"outputs\":{}}", "metrics", Map.of("x", 1)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("--kfp-executor-input")
        .hasMessageContaining("metrics");
    assertThatThrownBy(() -> KfpExecutorOutput.writeMetrics("not json", "metrics", Map.of()))
        .isInstanceOf(InvalidInputException.class);
  }
}
