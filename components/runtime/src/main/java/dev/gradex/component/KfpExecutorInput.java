package dev.gradex.component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * KFP's executor input ({@code {{$}}}): the JSON form of the {@code ExecutorInput} proto that the
 * launcher substitutes on the command line. It is the only place the OSS backend (2.17) gives a
 * list-of-artifacts input: it substitutes no placeholder for one, but lists every collected
 * artifact under {@code inputs.artifacts.<name>.artifacts}, each downloaded to its local path.
 */
public final class KfpExecutorInput {
  /** The command-line option that carries it. */
  public static final String OPTION = "--kfp-executor-input";

  private static final ObjectMapper JSON = Json.JSON;
  private final JsonNode root;

  private KfpExecutorInput(JsonNode root) {
    this.root = root;
  }

  /** Parses {@code json}; bad JSON is bad input naming {@link #OPTION}. */
  public static KfpExecutorInput parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new InvalidInputException(OPTION, "not JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new InvalidInputException(OPTION, "is not a JSON object");
    }
    return new KfpExecutorInput(root);
  }

  /**
   * The executor input {@code kfp.local} (executor_input_utils.py) gives a task whose task root is
   * {@code taskRoot}: each input artifact's uri is its local path, each output's is {@code
   * taskRoot/<name>}, and the output file is {@code taskRoot/executor_output.json}. For local runs
   * and tests of the component contract.
   */
  public static String localJson(
      Map<String, List<Path>> inputs, List<String> outputs, Path taskRoot) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode in = root.putObject("inputs").putObject("artifacts");
    inputs.forEach(
        (name, paths) -> {
          ArrayNode list = in.putObject(name).putArray("artifacts");
          paths.forEach(p -> artifact(list.addObject(), name, p));
        });
    ObjectNode out = root.putObject("outputs");
    ObjectNode artifacts = out.putObject("artifacts");
    for (String name : outputs) {
      artifact(
          artifacts.putObject(name).putArray("artifacts").addObject(),
          name,
          taskRoot.resolve(name));
    }
    out.put("outputFile", taskRoot.resolve("executor_output.json").toString());
    return root.toString();
  }

  private static void artifact(ObjectNode a, String name, Path path) {
    a.put("name", name);
    a.putObject("type").put("schemaTitle", "system.Artifact").put("schemaVersion", "0.0.1");
    a.put("uri", path.toAbsolutePath().toString());
    a.putObject("metadata");
  }

  /** Every artifact of input {@code name}, in the order KFP collected them; none is refused. */
  public List<KfpArtifact> inputArtifacts(String name) {
    List<KfpArtifact> out = new ArrayList<>();
    for (JsonNode a : root.path("inputs").path("artifacts").path(name).path("artifacts")) {
      out.add(KfpArtifact.of(a));
    }
    if (out.isEmpty()) {
      throw new InvalidInputException(OPTION, "has no input artifacts '" + name + "'");
    }
    return out;
  }

  /**
   * The local paths of every artifact of input {@code name} (see {@link KfpArtifact#localPath}).
   */
  public List<Path> inputPaths(String name) {
    return inputArtifacts(name).stream().map(KfpArtifact::localPath).toList();
  }

  /** Output artifact {@code name} as the driver provisioned it (the first of its list). */
  public KfpArtifact outputArtifact(String name) {
    JsonNode list = root.path("outputs").path("artifacts").path(name).path("artifacts");
    if (!list.isArray() || list.isEmpty()) {
      throw new InvalidInputException(OPTION, "has no output artifact '" + name + "'");
    }
    return KfpArtifact.of(list.get(0));
  }

  /** The executor output file ({@code outputs.outputFile}) the launcher reads back. */
  public Path outputFile() {
    String file = root.path("outputs").path("outputFile").asText("");
    if (file.isEmpty()) {
      throw new InvalidInputException(OPTION, "has no outputs.outputFile");
    }
    return Path.of(file);
  }

  /**
   * Refuses an executor input that lacks the output file or any of {@code outputs}; a component
   * calls this before its work, so a wrong contract fails in seconds rather than after hours.
   */
  public KfpExecutorInput requireOutputs(List<String> outputs) {
    outputFile();
    outputs.forEach(this::outputArtifact);
    return this;
  }
}
