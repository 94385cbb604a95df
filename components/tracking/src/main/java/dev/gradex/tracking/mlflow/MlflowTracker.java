package dev.gradex.tracking.mlflow;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradex.tracking.RunStatus;
import dev.gradex.tracking.StageRun;
import dev.gradex.tracking.Tracker;
import dev.gradex.tracking.TrackingSummary;
import dev.gradex.tracking.buffer.BufferingSink;
import dev.gradex.tracking.buffer.Call;
import dev.gradex.tracking.buffer.CallExecutor;
import dev.gradex.tracking.buffer.SpillFile;
import dev.gradex.tracking.rest.MlflowCalls;
import dev.gradex.tracking.rest.MlflowRestClient;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A pipeline run in MLflow: a parent run (created, or joined by id) and a run per stage, every call
 * going through a {@link BufferingSink}. Thread-safe.
 */
public final class MlflowTracker implements Tracker {
  /** The local reference of the parent run. */
  static final String ROOT = "root";

  /** Tag naming the stage a run belongs to. */
  public static final String STAGE_TAG = "gradex.stage";

  /** Tag naming the container image that ran the stage. */
  public static final String IMAGE_TAG = "gradex.image";

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final TrackerConfig config;
  private final BufferingSink sink;
  private final List<MlflowStageRun> stages = new ArrayList<>();
  private MlflowStageRun parent;
  private boolean failed;
  private boolean closed;

  MlflowTracker(TrackerConfig config, BufferingSink sink) {
    this.config = config;
    this.sink = sink;
    if (config.joinRunId().isPresent()) {
      sink.bindRun(ROOT, config.joinRunId().get());
      Map<String, String> tags = buildTags(false);
      if (!tags.isEmpty()) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("tags", MlflowStageRun.keyValues(tags, MlflowStageRun.MAX_TAG_VALUE));
        sink.submit(Call.Kind.LOG_BATCH, ROOT, body);
      }
    } else {
      sink.submit(Call.Kind.CREATE_RUN, ROOT, createRun(config.runName(), null, Map.of()));
    }
  }

  /** Opens a tracker with a fresh buffer file under {@link TrackerConfig#bufferDir()}. */
  public static MlflowTracker open(TrackerConfig config) {
    String name =
        "tracking-buffer-"
            + STAMP.format(config.clock().instant())
            + "-"
            + UUID.randomUUID().toString().substring(0, 8)
            + ".jsonl";
    SpillFile spill = new SpillFile(config.bufferDir().resolve(name));
    return new MlflowTracker(
        config,
        new BufferingSink(
            executor(config), spill, config.retryPolicy(), config.sleeper(), config.clock()));
  }

  static CallExecutor executor(TrackerConfig config) {
    return new CallExecutor(
        new MlflowCalls(
            new MlflowRestClient(
                config.trackingUri(),
                config.connectTimeout(),
                config.requestTimeout(),
                config.authorization())));
  }

  @Override
  public synchronized StageRun startStage(String name) {
    MlflowStageRun stage;
    if (closed) {
      sink.rejectLocally("stage " + name + " started after the tracker was closed");
      stage = new MlflowStageRun(this, ROOT, name, false);
      stage.markEnded();
    } else if (config.joinsStages()) {
      stage = new MlflowStageRun(this, ROOT, name, false);
      stage.setTags(Map.of(STAGE_TAG, name));
    } else {
      String ref = "stage-" + (stages.size() + 1) + "-" + name;
      sink.submit(Call.Kind.CREATE_RUN, ref, createRun(name, ROOT, Map.of(STAGE_TAG, name)));
      stage = new MlflowStageRun(this, ref, name, true);
    }
    stages.add(stage);
    return stage;
  }

  @Override
  public synchronized StageRun parentRun() {
    if (parent == null) {
      parent = MlflowStageRun.parent(this);
      if (closed) {
        parent.markEnded();
      }
    }
    return parent;
  }

  @Override
  public synchronized void setRunTags(Map<String, String> tags) {
    if (closed || tags.isEmpty()) {
      return;
    }
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.set("tags", MlflowStageRun.keyValues(tags, MlflowStageRun.MAX_TAG_VALUE));
    sink.submit(Call.Kind.LOG_BATCH, ROOT, body);
  }

  @Override
  public Optional<String> runId() {
    return sink.runId(ROOT);
  }

  @Override
  public TrackingSummary summary() {
    return sink.summary();
  }

  @Override
  public boolean flush() {
    List<MlflowStageRun> open;
    synchronized (this) {
      open = List.copyOf(stages);
    }
    open.forEach(MlflowStageRun::releaseMetrics);
    return sink.flush();
  }

  @Override
  public void close() {
    List<MlflowStageRun> open;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      open = List.copyOf(stages);
    }
    for (MlflowStageRun s : open) {
      s.endIfOpen(RunStatus.KILLED);
    }
    MlflowStageRun p;
    synchronized (this) {
      p = parent;
    }
    if (p != null) {
      p.releaseMetrics();
      p.markEnded();
    }
    if (config.joinRunId().isEmpty()) {
      ObjectNode body =
          JsonNodeFactory.instance
              .objectNode()
              .put("status", (failed ? RunStatus.FAILED : RunStatus.FINISHED).name())
              .put("end_time", config.clock().millis());
      sink.submit(Call.Kind.END_RUN, ROOT, body);
    }
    sink.flush();
  }

  BufferingSink sink() {
    return sink;
  }

  TrackerConfig config() {
    return config;
  }

  synchronized void stageEnded(RunStatus status) {
    if (status != RunStatus.FINISHED) {
      failed = true;
    }
  }

  private ObjectNode createRun(String runName, String parentRef, Map<String, String> extraTags) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    config
        .experimentId()
        .ifPresentOrElse(
            id -> body.put("experiment_id", id),
            () -> body.put("experiment_name", config.experimentName()));
    body.put("run_name", runName).put("start_time", config.clock().millis());
    if (parentRef != null) {
      body.put("parent", parentRef);
    }
    Map<String, String> tags = buildTags(true);
    tags.put("mlflow.runName", runName);
    tags.putAll(extraTags);
    ObjectNode t = body.putObject("tags");
    tags.forEach(t::put);
    return body;
  }

  /** System tags; a joined run keeps the name, source and user its creator gave it. */
  private Map<String, String> buildTags(boolean created) {
    Map<String, String> tags = new LinkedHashMap<>();
    if (created) {
      tags.put("mlflow.source.name", config.sourceName());
      tags.put("mlflow.source.type", "JOB");
      config.user().ifPresent(u -> tags.put("mlflow.user", u));
    }
    config.gitCommit().ifPresent(c -> tags.put("mlflow.source.git.commit", c));
    config.image().ifPresent(i -> tags.put(IMAGE_TAG, i));
    return tags;
  }
}
