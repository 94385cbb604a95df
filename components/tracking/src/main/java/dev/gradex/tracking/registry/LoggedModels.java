package dev.gradex.tracking.registry;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradex.tracking.rest.LoggedModelRef;
import dev.gradex.tracking.rest.MlflowApiException;
import dev.gradex.tracking.rest.MlflowCalls;
import dev.gradex.tracking.rest.RunDetails;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Logs a model package as an MLflow 3 LoggedModel: created with its source run's params plus the
 * registration's own, and the given tags, its files uploaded to the logged model's artifact
 * location through the server's artifact proxy, its metrics logged on the run with the model's id,
 * then finalized as ready.
 */
public final class LoggedModels {
  private final MlflowCalls calls;

  public LoggedModels(MlflowCalls calls) {
    this.calls = calls;
  }

  /**
   * Logs {@code packageDir} as LoggedModel {@code name} of run {@code runId}, with the run's params
   * and {@code params}.
   *
   * @return the version source naming it, or empty when the server has no LoggedModel API
   */
  public Optional<VersionSource> log(
      String runId,
      String name,
      Path packageDir,
      Map<String, Double> metrics,
      Map<String, String> params,
      Map<String, String> tags)
      throws MlflowApiException {
    RunDetails run = calls.runDetails(runId);
    Map<String, String> all = new TreeMap<>(run.params());
    all.putAll(params);
    Optional<LoggedModelRef> created =
        calls.createLoggedModel(run.experimentId(), name, runId, all, tags);
    if (created.isEmpty()) {
      return Optional.empty();
    }
    LoggedModelRef model = created.get();
    for (Path f : files(packageDir)) {
      String rel = packageDir.relativize(f).toString().replace('\\', '/');
      calls.rest().putArtifact(model.artifactUri(), rel, f);
    }
    if (!metrics.isEmpty()) {
      calls.logBatch(runId, metricsOf(model.modelId(), metrics));
    }
    calls.finalizeLoggedModel(model.modelId());
    return Optional.of(new VersionSource(model.modelsUri(), model.modelId()));
  }

  private static ObjectNode metricsOf(String modelId, Map<String, Double> metrics) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    long now = System.currentTimeMillis();
    metrics.forEach(
        (k, v) ->
            body.withArray("metrics")
                .addObject()
                .put("key", k)
                .put("value", v)
                .put("timestamp", now)
                .put("step", 0)
                .put("model_id", modelId));
    return body;
  }

  private static List<Path> files(Path dir) throws MlflowApiException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException | UncheckedIOException e) {
      throw MlflowApiException.rejected("model package " + dir + " cannot be read: " + e);
    }
  }
}
