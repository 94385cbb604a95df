/**
 * The MLflow-backed {@link dev.gradex.tracking.Tracker}, its no-op twin, and {@link
 * dev.gradex.tracking.mlflow.Trackers}, which picks one from the environment (MLFLOW_TRACKING_URI,
 * MLFLOW_EXPERIMENT_ID / _NAME, MLFLOW_RUN_ID as KFP injects them).
 *
 * <p>Allowed dependencies: the API package, {@code buffer} and {@code rest}.
 */
package dev.gradex.tracking.mlflow;
