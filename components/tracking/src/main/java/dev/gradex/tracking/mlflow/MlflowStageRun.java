package dev.gradex.tracking.mlflow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradex.core.OutputLock;
import dev.gradex.tracking.LoggedModelSpec;
import dev.gradex.tracking.MetricPoint;
import dev.gradex.tracking.ModelPromotion;
import dev.gradex.tracking.RunStatus;
import dev.gradex.tracking.StageRun;
import dev.gradex.tracking.buffer.BufferingSink;
import dev.gradex.tracking.buffer.Call;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/** A stage's run: turns each method into {@link Call}s for the tracker's sink. */
final class MlflowStageRun implements StageRun {
  /** MLflow's limits (3.x; tags kept at the older 5000 so 2.x servers accept them too). */
  static final int MAX_PARAM_VALUE = 6000;

  static final int MAX_TAG_VALUE = 5000;
  static final int MAX_DIGEST = 36;
  private static final int PARAMS_PER_BATCH = 100;
  private static final int METRICS_PER_BATCH = 1000;
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final MlflowTracker tracker;
  private final BufferingSink sink;
  private final String ref;
  private final String name;
  private final boolean owned;
  private final boolean parent;
  private final ArrayNode held = F.arrayNode();
  private long heldSince;
  private boolean ended;

  MlflowStageRun(MlflowTracker tracker, String ref, String name, boolean owned) {
    this(tracker, ref, name, owned, false);
  }

  private MlflowStageRun(
      MlflowTracker tracker, String ref, String name, boolean owned, boolean parent) {
    this.tracker = tracker;
    this.sink = tracker.sink();
    this.ref = ref;
    this.name = name;
    this.owned = owned;
    this.parent = parent;
  }

  /** The parent run itself: the tracker ends it on close, so {@link #end} here does nothing. */
  static MlflowStageRun parent(MlflowTracker tracker) {
    return new MlflowStageRun(tracker, MlflowTracker.ROOT, "parent", false, true);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void logParams(Map<String, String> params) {
    guard("logParams", () -> doLogParams(params));
  }

  private synchronized void doLogParams(Map<String, String> params) {
    List<Map.Entry<String, String>> entries = new ArrayList<>(params.entrySet());
    for (int from = 0; from < entries.size() && !ended; from += PARAMS_PER_BATCH) {
      ArrayNode a = F.arrayNode();
      for (Map.Entry<String, String> e :
          entries.subList(from, Math.min(entries.size(), from + PARAMS_PER_BATCH))) {
        a.addObject().put("key", e.getKey()).put("value", cut(e.getValue(), MAX_PARAM_VALUE));
      }
      submit(Call.Kind.LOG_BATCH, batch("params", a));
    }
  }

  @Override
  public void logMetric(String key, double value, long step) {
    logMetrics(Map.of(key, value), step);
  }

  @Override
  public void logMetrics(Map<String, Double> metrics, long step) {
    guard("logMetrics", () -> doLogMetrics(metrics, step));
  }

  private synchronized void doLogMetrics(Map<String, Double> metrics, long step) {
    if (ended) {
      return;
    }
    long now = tracker.config().clock().millis();
    if (held.isEmpty()) {
      heldSince = now;
    }
    for (Map.Entry<String, Double> e : metrics.entrySet()) {
      ObjectNode m = held.addObject().put("key", e.getKey());
      m.put("value", e.getValue()).put("timestamp", now).put("step", step);
    }
    long window = tracker.config().metricBatchWindow().toMillis();
    if (held.size() >= METRICS_PER_BATCH || now - heldSince >= window) {
      releaseMetrics();
    }
  }

  @Override
  public void logMetrics(List<MetricPoint> points) {
    guard("logMetrics", () -> doLogMetrics(points));
  }

  private synchronized void doLogMetrics(List<MetricPoint> points) {
    if (ended) {
      return;
    }
    long now = tracker.config().clock().millis();
    for (MetricPoint p : points) {
      ObjectNode m = held.addObject().put("key", p.key());
      long at = p.timestampMillis() > 0 ? p.timestampMillis() : now;
      m.put("value", p.value()).put("timestamp", at).put("step", p.step());
    }
    releaseMetrics();
  }

  /** Sends the metric points held back by the batch window, in batches MLflow accepts. */
  synchronized void releaseMetrics() {
    while (!held.isEmpty() && !ended) {
      ArrayNode a = F.arrayNode();
      while (!held.isEmpty() && a.size() < METRICS_PER_BATCH) {
        a.add(held.remove(0));
      }
      sink.submit(Call.Kind.LOG_BATCH, ref, batch("metrics", a));
    }
  }

  @Override
  public void setTags(Map<String, String> tags) {
    guard("setTags", () -> doSetTags(tags));
  }

  private synchronized void doSetTags(Map<String, String> tags) {
    if (!tags.isEmpty()) {
      submit(Call.Kind.LOG_BATCH, batch("tags", keyValues(tags, MAX_TAG_VALUE)));
    }
  }

  @Override
  public void logArtifact(Path fileOrDirectory, String artifactPath) {
    guard("logArtifact", () -> doLogArtifact(fileOrDirectory, artifactPath));
  }

  private synchronized void doLogArtifact(Path fileOrDirectory, String artifactPath) {
    String base = artifactPath == null ? "" : artifactPath.replaceAll("^/+|/+$", "");
    if (Files.isRegularFile(fileOrDirectory)) {
      upload(fileOrDirectory, join(base, fileOrDirectory.getFileName().toString()));
      return;
    }
    if (!Files.isDirectory(fileOrDirectory)) {
      sink.rejectLocally("artifact " + fileOrDirectory + " does not exist");
      return;
    }
    Path buffer = fileOrDirectory.resolve(TrackerConfig.OUTPUT_BUFFER_DIR);
    try (Stream<Path> files = Files.walk(fileOrDirectory)) {
      for (Path f :
          files
              .filter(Files::isRegularFile)
              .filter(f -> !f.getFileName().toString().equals(OutputLock.FILE)) // a writer's lock
              .filter(f -> !f.startsWith(buffer)) // the tracking buffer of this very output
              .sorted()
              .toList()) {
        String rel = fileOrDirectory.relativize(f).toString().replace('\\', '/');
        upload(f, join(base, rel));
      }
    } catch (IOException e) {
      sink.rejectLocally("could not list artifact directory " + fileOrDirectory + ": " + e);
    }
  }

  @Override
  public void logDatasetInput(String dataset, String digest, String source, String context) {
    guard("logDatasetInput", () -> doLogDatasetInput(dataset, digest, source, context));
  }

  private synchronized void doLogDatasetInput(
      String dataset, String digest, String source, String context) {
    ObjectNode body = F.objectNode();
    ObjectNode input = body.putArray("datasets").addObject();
    ObjectNode d = input.putObject("dataset");
    d.put("name", dataset).put("digest", cut(digest, MAX_DIGEST));
    d.put("source_type", sourceType(source));
    d.put("source", F.objectNode().put("uri", source).toString());
    // MLflow caps the digest at 36 characters; the profile keeps the full one.
    d.put("profile", F.objectNode().put("digest", digest).toString());
    input.set("tags", keyValues(Map.of("mlflow.data.context", context), MAX_TAG_VALUE));
    submit(Call.Kind.LOG_INPUTS, body);
  }

  @Override
  public Optional<ModelPromotion> registerModel(
      String modelName,
      String artifactPath,
      String lossMetric,
      double loss,
      Map<String, String> versionTags,
      String description,
      LoggedModelSpec spec) {
    try {
      return doRegisterModel(
          modelName, artifactPath, lossMetric, loss, versionTags, description, spec);
    } catch (RuntimeException e) {
      sink.rejectLocally("registerModel failed before reaching MLflow: " + e);
      return Optional.empty();
    }
  }

  private synchronized Optional<ModelPromotion> doRegisterModel(
      String modelName,
      String artifactPath,
      String lossMetric,
      double loss,
      Map<String, String> versionTags,
      String description,
      LoggedModelSpec spec) {
    ObjectNode body =
        F.objectNode()
            .put("model", modelName)
            .put("artifact_path", artifactPath.replaceAll("^/+|/+$", ""))
            .put("metric", lossMetric)
            .put("loss", Double.toString(loss))
            .put("registration_id", UUID.randomUUID().toString())
            .put("description", description == null ? "" : description);
    ObjectNode tags = body.putObject("version_tags");
    versionTags.forEach((k, v) -> tags.put(k, cut(v, MAX_TAG_VALUE)));
    if (spec != null) {
      ObjectNode logged = body.putObject("logged_model");
      logged.put("package_dir", spec.packageDir().toAbsolutePath().toString());
      ObjectNode metrics = logged.putObject("metrics");
      spec.metrics().forEach(metrics::put);
      ObjectNode params = logged.putObject("params");
      spec.params().forEach(params::put);
    }
    return submit(Call.Kind.REGISTER, body);
  }

  @Override
  public void end(RunStatus status) {
    guard("end", () -> doEnd(status == null ? RunStatus.FAILED : status));
  }

  private synchronized void doEnd(RunStatus status) {
    if (ended || parent) {
      return;
    }
    if (owned) {
      ObjectNode body =
          F.objectNode()
              .put("status", status.name())
              .put("end_time", tracker.config().clock().millis());
      submit(Call.Kind.END_RUN, body);
    } else {
      doSetTags(Map.of(MlflowTracker.STAGE_TAG + ".status", status.name()));
    }
    ended = true;
    tracker.stageEnded(status);
  }

  @Override
  public void close() {
    end(RunStatus.FINISHED);
  }

  synchronized void endIfOpen(RunStatus status) {
    doEnd(status);
  }

  synchronized void markEnded() {
    ended = true;
  }

  /** Tracking never breaks the pipeline: a bad argument is counted as a rejected call. */
  private void guard(String what, Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      sink.rejectLocally(what + " failed before reaching MLflow: " + e);
    }
  }

  private void upload(Path file, String path) {
    ObjectNode body = F.objectNode().put("file", file.toAbsolutePath().toString());
    submit(Call.Kind.UPLOAD, body.put("path", path));
  }

  /** Sends a call after any held metric points, so the server sees calls in the order made. */
  private Optional<ModelPromotion> submit(Call.Kind kind, ObjectNode body) {
    if (ended) {
      return Optional.empty();
    }
    releaseMetrics();
    return sink.submit(kind, ref, body);
  }

  private static ObjectNode batch(String field, ArrayNode values) {
    ObjectNode b = F.objectNode();
    b.set(field, values);
    return b;
  }

  static ArrayNode keyValues(Map<String, String> map, int maxValue) {
    ArrayNode a = F.arrayNode();
    map.forEach((k, v) -> a.addObject().put("key", k).put("value", cut(v, maxValue)));
    return a;
  }

  static String sourceType(String source) {
    int colon = source.indexOf("://");
    if (colon <= 0) {
      return "local";
    }
    String scheme = source.substring(0, colon);
    return scheme.equals("https") ? "http" : scheme;
  }

  private static String cut(String s, int max) {
    return s == null ? "" : s.length() <= max ? s : s.substring(0, max);
  }

  private static String join(String base, String rel) {
    return base.isEmpty() ? rel : base + "/" + rel;
  }
}
