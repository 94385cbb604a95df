package dev.gradex.tracking;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The run of one stage. Calls are recorded in order with the time they were made; when the server
 * is unreachable they are buffered and delivered later. None of them throws for tracking reasons.
 */
public interface StageRun extends AutoCloseable {

  /** The stage name given to {@link Tracker#startStage}. */
  String name();

  /** Logs parameters (the effective configuration); values longer than MLflow allows are cut. */
  void logParams(Map<String, String> params);

  /** Logs one point of a metric series. */
  void logMetric(String key, double value, long step);

  /** Logs several metrics at the same step in one batch. */
  void logMetrics(Map<String, Double> metrics, long step);

  /**
   * Logs whole metric series (e.g. a training curve) in as few calls as the server allows (MLflow:
   * 1,000 points per batch), not one call per point.
   */
  void logMetrics(List<MetricPoint> points);

  /** Sets run tags. */
  void setTags(Map<String, String> tags);

  /**
   * Uploads a file, or every file under a directory, to {@code artifactPath} (may be empty for the
   * root) of this run's artifacts. A file is named by its own name; a directory keeps its layout.
   */
  void logArtifact(Path fileOrDirectory, String artifactPath);

  /**
   * Records a dataset this stage read.
   *
   * @param name dataset name, e.g. the task name
   * @param digest content digest, e.g. the SHA-256 of the file
   * @param source where it came from (local path, s3:// or http URI)
   * @param context how it was used, e.g. {@code train}, {@code validation}, {@code test}
   */
  void logDatasetInput(String name, String digest, String source, String context);

  /**
   * Registers the artifact at {@code artifactPath} of this run as a new version of {@code
   * modelName} and moves alias {@code champion} to it only if {@code loss} is strictly lower than
   * the current champion's (else it gets {@code challenger}); the first version becomes champion.
   *
   * @return the promotion when it happened now; empty when it was buffered (see {@link
   *     Tracker#summary()}) or the tracker is off
   */
  default Optional<ModelPromotion> registerModel(
      String modelName, String artifactPath, String lossMetric, double loss) {
    return registerModel(modelName, artifactPath, lossMetric, loss, Map.of(), "");
  }

  /**
   * As {@link #registerModel(String, String, String, double)}, with the version's tags (e.g. the
   * sources it was trained on, its digest) and description; a registration whose digest tag ({@code
   * gradex.model_sha256}) already is a version registers nothing (alias {@code
   * already-registered}).
   */
  default Optional<ModelPromotion> registerModel(
      String modelName,
      String artifactPath,
      String lossMetric,
      double loss,
      Map<String, String> versionTags,
      String description) {
    return registerModel(modelName, artifactPath, lossMetric, loss, versionTags, description, null);
  }

  /**
   * As {@link #registerModel(String, String, String, double, Map, String)}; where the server has
   * MLflow 3's LoggedModel API the version is registered from a logged model holding the run's
   * params, {@code spec}'s package and metrics; otherwise from the run artifact {@code
   * artifactPath}.
   */
  Optional<ModelPromotion> registerModel(
      String modelName,
      String artifactPath,
      String lossMetric,
      double loss,
      Map<String, String> versionTags,
      String description,
      LoggedModelSpec spec);

  /** Ends the stage run with the given status; later calls on this run are ignored. */
  void end(RunStatus status);

  /** Ends the run as {@link RunStatus#FINISHED} unless {@link #end} was called. */
  @Override
  void close();
}
