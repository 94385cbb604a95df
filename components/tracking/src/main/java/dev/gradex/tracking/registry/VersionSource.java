package dev.gradex.tracking.registry;

import dev.gradex.tracking.rest.MlflowApiException;

/**
 * Where a new model version comes from: a run artifact URI, or an MLflow 3 LoggedModel's {@code
 * models:/<id>} URI with its id.
 *
 * @param source the version's {@code source}
 * @param modelId the LoggedModel's id; empty for a run artifact
 */
public record VersionSource(String source, String modelId) {
  /** Makes the source only when a version is really created (not for a known digest or a retry). */
  @FunctionalInterface
  public interface Factory {
    /** Creates (uploads, logs) the source. */
    VersionSource create() throws MlflowApiException;
  }

  /** A run artifact URI. */
  public static VersionSource runArtifact(String uri) {
    return new VersionSource(uri, "");
  }
}
