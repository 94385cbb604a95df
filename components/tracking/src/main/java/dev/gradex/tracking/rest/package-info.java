/**
 * A small typed client for the MLflow REST API (tracking, the {@code mlflow-artifacts} proxy and
 * the model registry) on java.net.http and Jackson. Replaces {@code org.mlflow:mlflow-client},
 * whose artifact upload needs the Python CLI and whose registry is read-only.
 *
 * <p>Allowed dependencies: the JDK and Jackson only.
 */
package dev.gradex.tracking.rest;
