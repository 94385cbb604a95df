package dev.gradex.kfp.ir;

import dev.gradex.kfp.dsl.ArtifactType;
import dev.gradex.kfp.dsl.ContainerComponent;
import dev.gradex.kfp.dsl.ParameterType;
import dev.gradex.kfp.dsl.RetryPolicy;
import java.util.Map;
import java.util.TreeMap;

/** Small IR fragments shared by the compiler's parts. */
final class Dags {
  static final String CHANNEL = "pipelinechannel--";

  private Dags() {}

  static Map<String, Object> artifactType(ArtifactType type) {
    Map<String, Object> out = new TreeMap<>();
    out.put("schemaTitle", type.schemaTitle());
    out.put("schemaVersion", ArtifactType.SCHEMA_VERSION);
    return out;
  }

  static Map<String, Object> artifactDefinition(ArtifactType type, boolean list) {
    Map<String, Object> out = new TreeMap<>();
    out.put("artifactType", artifactType(type));
    if (list) {
      out.put("isArtifactList", true);
    }
    return out;
  }

  static Map<String, Object> parameterDefinition(ParameterType type) {
    return new TreeMap<>(Map.of("parameterType", type.name()));
  }

  /** Puts {@code parameters} and {@code artifacts} sections, each only when non-empty. */
  static Map<String, Object> definitions(
      Map<String, Object> parameters, Map<String, Object> artifacts) {
    Map<String, Object> out = new TreeMap<>();
    if (!parameters.isEmpty()) {
      out.put("parameters", parameters);
    }
    if (!artifacts.isEmpty()) {
      out.put("artifacts", artifacts);
    }
    return out;
  }

  static Map<String, Object> inputDefinitions(ContainerComponent c) {
    Map<String, Object> params = new TreeMap<>();
    c.inputParameters().forEach((name, type) -> params.put(name, parameterDefinition(type)));
    Map<String, Object> artifacts = new TreeMap<>();
    c.inputArtifacts()
        .forEach(
            (name, type) ->
                artifacts.put(name, artifactDefinition(type, c.listInputs().contains(name))));
    return definitions(params, artifacts);
  }

  static Map<String, Object> outputDefinitions(ContainerComponent c) {
    Map<String, Object> params = new TreeMap<>();
    c.outputParameters().forEach((name, type) -> params.put(name, parameterDefinition(type)));
    Map<String, Object> artifacts = new TreeMap<>();
    c.outputArtifacts()
        .forEach((name, type) -> artifacts.put(name, artifactDefinition(type, false)));
    return definitions(params, artifacts);
  }

  static Map<String, Object> retry(RetryPolicy r) {
    Map<String, Object> out = new TreeMap<>();
    out.put("backoffDuration", r.backoff().toSeconds() + "s");
    out.put("backoffFactor", r.backoffFactor());
    out.put("backoffMaxDuration", r.maxBackoff().toSeconds() + "s");
    out.put("maxRetryCount", r.maxRetryCount());
    return out;
  }

  static Map<String, Object> taskOutput(String kind, String producer, String key) {
    Map<String, Object> ref = new TreeMap<>();
    ref.put(kind.equals("artifact") ? "outputArtifactKey" : "outputParameterKey", key);
    ref.put("producerTask", producer);
    return Map.of(kind.equals("artifact") ? "taskOutputArtifact" : "taskOutputParameter", ref);
  }
}
