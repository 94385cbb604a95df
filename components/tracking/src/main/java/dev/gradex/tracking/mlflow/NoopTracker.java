package dev.gradex.tracking.mlflow;

import dev.gradex.tracking.LoggedModelSpec;
import dev.gradex.tracking.MetricPoint;
import dev.gradex.tracking.ModelPromotion;
import dev.gradex.tracking.RunStatus;
import dev.gradex.tracking.StageRun;
import dev.gradex.tracking.Tracker;
import dev.gradex.tracking.TrackingSummary;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A tracker that records nothing; its summary says why tracking is off. */
public final class NoopTracker implements Tracker {
  private final String note;

  public NoopTracker(String note) {
    this.note = note;
  }

  @Override
  public StageRun startStage(String name) {
    return new NoopStage(name);
  }

  @Override
  public StageRun parentRun() {
    return new NoopStage("parent");
  }

  @Override
  public Optional<String> runId() {
    return Optional.empty();
  }

  @Override
  public TrackingSummary summary() {
    return TrackingSummary.off(note);
  }

  @Override
  public boolean flush() {
    return true;
  }

  @Override
  public void close() {}

  private record NoopStage(String name) implements StageRun {
    @Override
    public void logParams(Map<String, String> params) {}

    @Override
    public void logMetric(String key, double value, long step) {}

    @Override
    public void logMetrics(Map<String, Double> metrics, long step) {}

    @Override
    public void logMetrics(List<MetricPoint> points) {}

    @Override
    public void setTags(Map<String, String> tags) {}

    @Override
    public void logArtifact(Path fileOrDirectory, String artifactPath) {}

    @Override
    public void logDatasetInput(String name, String digest, String source, String context) {}

    @Override
    public Optional<ModelPromotion> registerModel(
        String modelName,
        String artifactPath,
        String lossMetric,
        double loss,
        Map<String, String> versionTags,
        String description,
        LoggedModelSpec spec) {
      return Optional.empty();
    }

    @Override
    public void end(RunStatus status) {}

    @Override
    public void close() {}
  }
}
