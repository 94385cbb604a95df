package dev.gradex.tracking;

/** Terminal states of a run, as MLflow names them. */
public enum RunStatus {
  FINISHED,
  FAILED,
  KILLED
}
