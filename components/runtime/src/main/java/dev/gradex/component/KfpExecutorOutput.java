package dev.gradex.component;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradex.core.AtomicFiles;
import dev.gradex.core.Json;
import java.io.IOException;
import java.util.Map;

/**
 * Writes KFP's executor output: the JSON form of the {@code ExecutorOutput} proto, at the file the
 * executor input names ({@code outputs.outputFile}). Each output artifact is listed as {@code
 * artifacts.<name>.artifacts[{name, uri, metadata}]}, the shape the SDK's own executor writes: the
 * backend launcher merges uri and metadata into the artifact it records (so {@code system.Metrics}
 * metadata shows in the KFP UI), and {@code kfp.local} takes a task's outputs from this file alone,
 * so an output left out here does not exist for downstream tasks.
 */
public final class KfpExecutorOutput {
  private static final ObjectMapper JSON = Json.JSON;

  private KfpExecutorOutput() {}

  /**
   * Lists each output of {@code metadataByOutput} (output name to its metadata: numbers, strings,
   * booleans; empty for none) with the uri the driver provisioned, atomically (temporary file, then
   * rename), so the launcher never reads a partial file.
   */
  public static void write(KfpExecutorInput input, Map<String, ? extends Map<String, ?>> outputs) {
    ObjectNode out = JSON.createObjectNode();
    ObjectNode artifacts = out.putObject("artifacts");
    outputs.forEach(
        (name, metadata) -> {
          KfpArtifact provisioned = input.outputArtifact(name);
          ObjectNode entry = artifacts.putObject(name).putArray("artifacts").addObject();
          entry.put("name", provisioned.name());
          entry.put("uri", provisioned.uri());
          entry.set("metadata", JSON.valueToTree(metadata));
        });
    try {
      AtomicFiles.writeString(input.outputFile(), JSON.writeValueAsString(out));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
