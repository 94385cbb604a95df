package dev.gradex.component.stage;

import dev.gradex.tracking.LoggedModelSpec;
import dev.gradex.tracking.MetricPoint;
import dev.gradex.tracking.ModelPromotion;
import dev.gradex.tracking.RunStatus;
import dev.gradex.tracking.StageRun;
import dev.gradex.tracking.Tracker;
import dev.gradex.tracking.TrackingSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A tracker that keeps what each stage run logged, in memory. */
final class RecordingTracker implements Tracker {
  /** What one stage run received. */
  static final class Run implements StageRun {
    final String name;
    final Map<String, String> params = new LinkedHashMap<>();
    final Map<String, Double> metrics = new LinkedHashMap<>();
    final List<MetricPoint> series = new ArrayList<>();
    final Map<String, String> tags = new LinkedHashMap<>();
    final Map<Path, String> artifacts = new LinkedHashMap<>();
    final List<String> registered = new ArrayList<>();
    final List<String> datasets = new ArrayList<>();
    RunStatus status;

    Run(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void logParams(Map<String, String> p) {
      params.putAll(p);
    }

    @Override
    public void logMetric(String key, double value, long step) {
      metrics.put(key, value);
    }

    @Override
    public void logMetrics(Map<String, Double> m, long step) {
      metrics.putAll(m);
    }

    @Override
    public void logMetrics(List<MetricPoint> points) {
      series.addAll(points);
    }

    @Override
    public void setTags(Map<String, String> t) {
      tags.putAll(t);
    }

    @Override
    public void logArtifact(Path fileOrDirectory, String artifactPath) {
      artifacts.put(fileOrDirectory, artifactPath);
    }

    @Override
    public void logDatasetInput(String name, String digest, String source, String context) {
      datasets.add(name + " " + digest + " " + context);
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
      registered.add(modelName + " " + artifactPath + " " + lossMetric + "=" + loss);
      return Optional.empty();
    }

    @Override
    public void end(RunStatus s) {
      status = s;
    }

    @Override
    public void close() {}
  }

  final List<Run> runs = new ArrayList<>();
  final Run parent = new Run("parent");

  @Override
  public StageRun parentRun() {
    return parent;
  }

  final Map<String, String> runTags = new LinkedHashMap<>();

  @Override
  public StageRun startStage(String name) {
    Run r = new Run(name);
    runs.add(r);
    return r;
  }

  @Override
  public void setRunTags(Map<String, String> tags) {
    runTags.putAll(tags);
  }

  @Override
  public Optional<String> runId() {
    return Optional.empty();
  }

  @Override
  public TrackingSummary summary() {
    return TrackingSummary.off("recorded in memory");
  }

  @Override
  public boolean flush() {
    return true;
  }

  @Override
  public void close() {}
}
