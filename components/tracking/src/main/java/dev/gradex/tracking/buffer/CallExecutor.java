package dev.gradex.tracking.buffer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradex.tracking.ModelPromotion;
import dev.gradex.tracking.registry.LoggedModels;
import dev.gradex.tracking.registry.ModelRegistry;
import dev.gradex.tracking.registry.VersionSource;
import dev.gradex.tracking.rest.MlflowApiException;
import dev.gradex.tracking.rest.MlflowCalls;
import dev.gradex.tracking.rest.RunRef;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Carries out one {@link Call} against the server, resolving local run references. */
public class CallExecutor {
  /** Tag MLflow uses to nest a run under its parent. */
  public static final String PARENT_TAG = "mlflow.parentRunId";

  /**
   * Tag with the client-generated key of a run: a create-run that timed out after the server made
   * the run is found by it instead of being made twice.
   */
  public static final String RUN_KEY_TAG = "gradex.run_key";

  /** The field of a {@link Call.Kind#CREATE_RUN} body holding that key. */
  public static final String RUN_KEY_FIELD = "run_key";

  private final MlflowCalls calls;
  private final ModelRegistry registry;
  private final LoggedModels loggedModels;

  public CallExecutor(MlflowCalls calls) {
    this.calls = calls;
    this.registry = new ModelRegistry(calls);
    this.loggedModels = new LoggedModels(calls);
  }

  /** The server this executor talks to. */
  public String trackingUri() {
    return calls.rest().trackingUri().toString();
  }

  /**
   * Executes {@code call}; a {@link Call.Kind#CREATE_RUN} adds its run to {@code refs}, and a run
   * joined by id gets its artifact URI filled in when first needed.
   *
   * @return the promotion for a {@link Call.Kind#REGISTER}, else empty
   */
  public Optional<ModelPromotion> execute(Call call, Map<String, RunRef> refs)
      throws MlflowApiException {
    ObjectNode b = call.body();
    switch (call.kind()) {
      case CREATE_RUN -> refs.put(call.run(), createRun(b, refs));
      case LOG_BATCH -> calls.logBatch(runId(call, refs), b);
      case LOG_INPUTS -> calls.logInputs(runId(call, refs), (ArrayNode) b.path("datasets"));
      case UPLOAD ->
          calls
              .rest()
              .putArtifact(
                  artifactUri(call, refs),
                  b.path("path").asText(),
                  Path.of(b.path("file").asText()));
      case END_RUN ->
          calls.endRun(runId(call, refs), b.path("status").asText(), b.path("end_time").asLong());
      case REGISTER -> {
        String runArtifact =
            stripTrailingSlash(artifactUri(call, refs) + "/" + b.path("artifact_path").asText());
        String runId = runId(call, refs);
        return Optional.of(
            registry.register(
                b.path("model").asText(),
                () -> sourceOf(b, runId, runArtifact),
                runId,
                b.path("metric").asText(),
                Double.parseDouble(b.path("loss").asText()),
                b.path("registration_id").asText("seq-" + call.seq()),
                stringMap(b.path("version_tags")),
                b.path("description").asText("")));
      }
      default -> throw MlflowApiException.rejected("unknown call kind " + call.kind());
    }
    return Optional.empty();
  }

  /** The LoggedModel where the body asks for one and the server has the API, else the artifact. */
  private VersionSource sourceOf(ObjectNode b, String runId, String runArtifact)
      throws MlflowApiException {
    JsonNode logged = b.path("logged_model");
    if (logged.isObject()) {
      Map<String, Double> metrics = new LinkedHashMap<>();
      logged
          .path("metrics")
          .fields()
          .forEachRemaining(e -> metrics.put(e.getKey(), e.getValue().asDouble()));
      Optional<VersionSource> made =
          loggedModels.log(
              runId,
              b.path("model").asText(),
              Path.of(logged.path("package_dir").asText()),
              metrics,
              stringMap(logged.path("params")),
              stringMap(b.path("version_tags")));
      if (made.isPresent()) {
        return made.get();
      }
    }
    return VersionSource.runArtifact(runArtifact);
  }

  private RunRef createRun(ObjectNode b, Map<String, RunRef> refs) throws MlflowApiException {
    String experimentId =
        b.hasNonNull("experiment_id")
            ? b.get("experiment_id").asText()
            : calls.experimentId(b.path("experiment_name").asText());
    Map<String, String> tags = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = b.path("tags").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      tags.put(e.getKey(), e.getValue().asText());
    }
    if (b.hasNonNull("parent")) {
      tags.put(PARENT_TAG, resolve(b.get("parent").asText(), refs).runId());
    }
    String key = b.path(RUN_KEY_FIELD).asText("");
    if (!key.isEmpty()) {
      // Check before create: an earlier attempt (timed out, or cut off by a crash) may have made
      // it.
      Optional<RunRef> made = calls.findRunByTag(experimentId, RUN_KEY_TAG, key);
      if (made.isPresent()) {
        return made.get();
      }
      tags.put(RUN_KEY_TAG, key);
    }
    return calls.createRun(
        experimentId, b.path("run_name").asText(), b.path("start_time").asLong(), tags);
  }

  private static String runId(Call call, Map<String, RunRef> refs) throws MlflowApiException {
    return resolve(call.run(), refs).runId();
  }

  private String artifactUri(Call call, Map<String, RunRef> refs) throws MlflowApiException {
    RunRef ref = resolve(call.run(), refs);
    if (ref.artifactUri() == null || ref.artifactUri().isEmpty()) {
      ref = calls.getRun(ref.runId());
      refs.put(call.run(), ref);
    }
    return ref.artifactUri();
  }

  private static RunRef resolve(String local, Map<String, RunRef> refs) throws MlflowApiException {
    RunRef ref = refs.get(local);
    if (ref == null) {
      throw MlflowApiException.rejected(
          "run " + local + " was never created on the server (its creation was rejected)");
    }
    return ref;
  }

  private static Map<String, String> stringMap(JsonNode object) {
    Map<String, String> m = new LinkedHashMap<>();
    object.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
    return m;
  }

  private static String stripTrailingSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
