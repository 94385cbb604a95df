package dev.gradex.tracking.rest;

/**
 * An MLflow 3 LoggedModel as created on the server.
 *
 * @param modelId the server's id ({@code m-...})
 * @param artifactUri where its files go (e.g. {@code mlflow-artifacts:/1/models/m-.../artifacts})
 */
public record LoggedModelRef(String modelId, String artifactUri) {
  /** {@code LOGGED_MODEL_READY} of the {@code LoggedModelStatus} proto enum. */
  public static final int READY = 2;

  /** The URI a model version's {@code source} names the logged model by. */
  public String modelsUri() {
    return "models:/" + modelId;
  }
}
