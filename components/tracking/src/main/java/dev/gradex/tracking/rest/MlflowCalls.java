package dev.gradex.tracking.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** The typed MLflow calls GradEx makes, over a {@link MlflowRestClient}. */
public final class MlflowCalls {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private final MlflowRestClient rest;

  public MlflowCalls(MlflowRestClient rest) {
    this.rest = rest;
  }

  public MlflowRestClient rest() {
    return rest;
  }

  /** The id of the experiment named {@code name}, creating it if absent. */
  public String experimentId(String name) throws MlflowApiException {
    Optional<String> found = findExperiment(name);
    if (found.isPresent()) {
      return found.get();
    }
    try {
      return rest.post("experiments/create", F.objectNode().put("name", name))
          .path("experiment_id")
          .asText();
    } catch (MlflowApiException e) {
      if ("RESOURCE_ALREADY_EXISTS".equals(e.errorCode())) {
        return findExperiment(name).orElseThrow(() -> e);
      }
      throw e;
    }
  }

  private Optional<String> findExperiment(String name) throws MlflowApiException {
    try {
      JsonNode r = rest.get("experiments/get-by-name", Map.of("experiment_name", name));
      return Optional.of(r.path("experiment").path("experiment_id").asText());
    } catch (MlflowApiException e) {
      if ("RESOURCE_DOES_NOT_EXIST".equals(e.errorCode())) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Creates a run; {@code tags} include the system tags. */
  public RunRef createRun(
      String experimentId, String runName, long startTimeMillis, Map<String, String> tags)
      throws MlflowApiException {
    ObjectNode body =
        F.objectNode()
            .put("experiment_id", experimentId)
            .put("run_name", runName)
            .put("start_time", startTimeMillis);
    body.set("tags", keyValues(tags));
    JsonNode info = rest.post("runs/create", body).path("run").path("info");
    return new RunRef(info.path("run_id").asText(), info.path("artifact_uri").asText());
  }

  /**
   * The first active run of the experiment whose tag {@code key} is {@code value}, if any ({@code
   * runs/search}).
   */
  public Optional<RunRef> findRunByTag(String experimentId, String key, String value)
      throws MlflowApiException {
    ObjectNode body = F.objectNode().put("filter", "tags.`" + key + "` = '" + value + "'");
    body.put("max_results", 1);
    body.putArray("experiment_ids").add(experimentId);
    for (JsonNode run : rest.post("runs/search", body).path("runs")) {
      JsonNode info = run.path("info");
      return Optional.of(
          new RunRef(info.path("run_id").asText(), info.path("artifact_uri").asText()));
    }
    return Optional.empty();
  }

  /** Looks up an existing run's artifact URI. */
  public RunRef getRun(String runId) throws MlflowApiException {
    JsonNode info = rest.get("runs/get", Map.of("run_id", runId)).path("run").path("info");
    return new RunRef(runId, info.path("artifact_uri").asText());
  }

  /** The latest value of a run's metric, if it has one. */
  public OptionalDouble latestMetric(String runId, String key) throws MlflowApiException {
    JsonNode metrics =
        rest.get("runs/get", Map.of("run_id", runId)).path("run").path("data").path("metrics");
    for (JsonNode m : metrics) {
      if (key.equals(m.path("key").asText())) {
        return OptionalDouble.of(m.path("value").asDouble());
      }
    }
    return OptionalDouble.empty();
  }

  /** Sends {@code body} (metrics, params, tags arrays) to {@code runs/log-batch}. */
  public void logBatch(String runId, ObjectNode body) throws MlflowApiException {
    rest.post("runs/log-batch", body.deepCopy().put("run_id", runId));
  }

  /** Sends {@code datasets} to {@code runs/log-inputs}. */
  public void logInputs(String runId, ArrayNode datasets) throws MlflowApiException {
    ObjectNode body = F.objectNode().put("run_id", runId);
    body.set("datasets", datasets);
    rest.post("runs/log-inputs", body);
  }

  /** Ends a run. */
  public void endRun(String runId, String status, long endTimeMillis) throws MlflowApiException {
    rest.post(
        "runs/update",
        F.objectNode().put("run_id", runId).put("status", status).put("end_time", endTimeMillis));
  }

  /** Creates a registered model unless it exists. */
  public void createRegisteredModel(String name) throws MlflowApiException {
    try {
      rest.post("registered-models/create", F.objectNode().put("name", name));
    } catch (MlflowApiException e) {
      if (!"RESOURCE_ALREADY_EXISTS".equals(e.errorCode())) {
        throw e;
      }
    }
  }

  /** Creates a model version from {@code source} logged by run {@code runId}. */
  public ModelVersion createModelVersion(
      String name, String source, String runId, Map<String, String> tags)
      throws MlflowApiException {
    return createModelVersion(name, source, runId, tags, "");
  }

  /** As above, with a description (markdown; empty for none) and a link to the run. */
  public ModelVersion createModelVersion(
      String name, String source, String runId, Map<String, String> tags, String description)
      throws MlflowApiException {
    return createModelVersion(name, source, runId, tags, description, "");
  }

  /**
   * As above, from MLflow 3 LoggedModel {@code modelId} (empty for none; then {@code source} is a
   * run artifact URI).
   */
  public ModelVersion createModelVersion(
      String name,
      String source,
      String runId,
      Map<String, String> tags,
      String description,
      String modelId)
      throws MlflowApiException {
    ObjectNode body = F.objectNode().put("name", name).put("source", source).put("run_id", runId);
    if (description != null && !description.isEmpty()) {
      body.put("description", description);
    }
    if (modelId != null && !modelId.isEmpty()) {
      body.put("model_id", modelId);
    }
    body.set("tags", keyValues(tags));
    return version(rest.post("model-versions/create", body).path("model_version"));
  }

  /** The experiment id and params of run {@code runId}. */
  public RunDetails runDetails(String runId) throws MlflowApiException {
    JsonNode run = rest.get("runs/get", Map.of("run_id", runId)).path("run");
    Map<String, String> params = new LinkedHashMap<>();
    for (JsonNode p : run.path("data").path("params")) {
      params.put(p.path("key").asText(), p.path("value").asText());
    }
    return new RunDetails(run.path("info").path("experiment_id").asText(), params);
  }

  /**
   * Creates an MLflow 3 LoggedModel ({@code POST logged-models}) produced by run {@code
   * sourceRunId}; empty when the server has no such endpoint (404: MLflow before 3.0).
   */
  public Optional<LoggedModelRef> createLoggedModel(
      String experimentId,
      String name,
      String sourceRunId,
      Map<String, String> params,
      Map<String, String> tags)
      throws MlflowApiException {
    ObjectNode body =
        F.objectNode()
            .put("experiment_id", experimentId)
            .put("name", name)
            .put("source_run_id", sourceRunId);
    body.set("params", keyValues(params));
    body.set("tags", keyValues(tags));
    JsonNode info;
    try {
      info = rest.post("logged-models", body).path("model").path("info");
    } catch (MlflowApiException e) {
      // A missing endpoint answers 404 without MLflow's RESOURCE_DOES_NOT_EXIST (a missing
      // experiment or run, which is a real error).
      if (e.status() == 404 && !"RESOURCE_DOES_NOT_EXIST".equals(e.errorCode())) {
        return Optional.empty();
      }
      throw e;
    }
    return Optional.of(
        new LoggedModelRef(info.path("model_id").asText(), info.path("artifact_uri").asText()));
  }

  /** Marks LoggedModel {@code modelId} ready ({@code PATCH logged-models/<id>}). */
  public void finalizeLoggedModel(String modelId) throws MlflowApiException {
    rest.patch(
        "logged-models/" + modelId,
        F.objectNode().put("model_id", modelId).put("status", LoggedModelRef.READY));
  }

  /**
   * The version an alias points to, or empty. Read from {@code registered-models/get} rather than
   * {@code registered-models/alias}, whose answer for a missing alias differs between server
   * versions (400 or 404).
   */
  public Optional<ModelVersion> versionByAlias(String name, String alias)
      throws MlflowApiException {
    JsonNode model = rest.get("registered-models/get", Map.of("name", name));
    for (JsonNode a : model.path("registered_model").path("aliases")) {
      if (alias.equals(a.path("alias").asText())) {
        String v = a.path("version").asText();
        JsonNode mv =
            rest.get("model-versions/get", Map.of("name", name, "version", v))
                .path("model_version");
        return Optional.of(version(mv));
      }
    }
    return Optional.empty();
  }

  /** The version of {@code name} from run {@code runId} carrying tag {@code key=value}, if any. */
  public Optional<ModelVersion> findVersion(String name, String runId, String key, String value)
      throws MlflowApiException {
    return firstTagged("name='" + name + "' and run_id='" + runId + "'", key, value);
  }

  /** The first version of {@code name} carrying tag {@code key=value}, if any. */
  public Optional<ModelVersion> findVersionByTag(String name, String key, String value)
      throws MlflowApiException {
    return firstTagged("name='" + name + "'", key, value);
  }

  private Optional<ModelVersion> firstTagged(String filter, String key, String value)
      throws MlflowApiException {
    JsonNode r = rest.get("model-versions/search", Map.of("filter", filter, "max_results", "1000"));
    for (JsonNode mv : r.path("model_versions")) {
      ModelVersion v = version(mv);
      if (value.equals(v.tags().get(key))) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  /** Points {@code alias} of model {@code name} at {@code version}. */
  public void setAlias(String name, String alias, String version) throws MlflowApiException {
    rest.post(
        "registered-models/alias",
        F.objectNode().put("name", name).put("alias", alias).put("version", version));
  }

  /** Removes {@code alias} from model {@code name}. */
  public void deleteAlias(String name, String alias) throws MlflowApiException {
    rest.delete("registered-models/alias", F.objectNode().put("name", name).put("alias", alias));
  }

  private static ModelVersion version(JsonNode mv) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (JsonNode t : mv.path("tags")) {
      tags.put(t.path("key").asText(), t.path("value").asText());
    }
    return new ModelVersion(
        mv.path("name").asText(), mv.path("version").asText(), mv.path("run_id").asText(), tags);
  }

  /** {@code [{"key": k, "value": v}, ...]} in map order. */
  public static ArrayNode keyValues(Map<String, String> map) {
    ArrayNode a = F.arrayNode();
    map.forEach((k, v) -> a.addObject().put("key", k).put("value", v));
    return a;
  }
}
