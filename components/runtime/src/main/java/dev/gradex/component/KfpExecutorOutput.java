package dev.gradex.component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradex.core.AtomicFiles;
import dev.gradex.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reports a component's metrics to Kubeflow Pipelines v2. KFP passes the executor input ({@code
 * {{$}}}) as JSON; a component that has {@code system.Metrics} outputs writes an ExecutorOutput
 * JSON to {@code outputs.outputFile} whose artifact entries carry the metrics as metadata, which is
 * what the KFP UI shows.
 */
public final class KfpExecutorOutput {
  private static final ObjectMapper JSON = new ObjectMapper();

  private KfpExecutorOutput() {}

  /**
   * Writes the executor output file named in {@code executorInputJson} with {@code metrics} as the
   * metadata of output artifact {@code artifactName}.
   */
  public static void writeMetrics(
      String executorInputJson, String artifactName, Map<String, ? extends Number> metrics) {
    JsonNode input;
    try {
      input = JSON.readTree(executorInputJson);
    } catch (IOException e) {
      throw new InvalidInputException("--kfp-executor-input", "not JSON: " + e.getMessage());
    }
    JsonNode outputs = input.path("outputs");
    String outputFile = outputs.path("outputFile").asText("");
    JsonNode artifacts = outputs.path("artifacts").path(artifactName).path("artifacts");
    if (outputFile.isEmpty() || !artifacts.isArray() || artifacts.isEmpty()) {
      throw new InvalidInputException(
          "--kfp-executor-input",
          "has no outputs.outputFile or no output artifact '" + artifactName + "'");
    }
    ObjectNode entry = ((ObjectNode) artifacts.get(0)).deepCopy();
    ObjectNode metadata = entry.putObject("metadata");
    metrics.forEach((k, v) -> metadata.put(k, v.doubleValue()));
    ObjectNode out = JSON.createObjectNode();
    ArrayNode list = out.putObject("artifacts").putObject(artifactName).putArray("artifacts");
    list.add(entry);
    try {
      AtomicFiles.writeString(Path.of(outputFile), JSON.writeValueAsString(out));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
