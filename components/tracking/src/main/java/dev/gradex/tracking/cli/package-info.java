/**
 * The {@code gradex tracking} command (picocli), for the CLI to register: {@code flush} sends what
 * a tracker buffered while MLflow was down.
 *
 * <p>Allowed dependencies: the API package, {@code mlflow}, {@code buffer}, picocli.
 */
package dev.gradex.tracking.cli;
