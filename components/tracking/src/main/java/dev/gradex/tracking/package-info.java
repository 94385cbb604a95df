/**
 * Experiment tracking API for the GradEx stages: a {@link dev.gradex.tracking.Tracker} per pipeline
 * run, a {@link dev.gradex.tracking.StageRun} per stage. Only JDK types and the records of this
 * package cross it, so no MLflow class reaches a component.
 *
 * <p>{@link dev.gradex.tracking.Params} flattens a configuration into parameters.
 *
 * <p>Allowed dependencies: the JDK only; of GradEx, the library uses nothing but the core's root
 * package ({@code AtomicFiles}, {@code Json}), checked by {@code PackageRulesTest}. Implementations
 * live in {@code mlflow} (which also has the {@code Trackers} factory), built on {@code buffer},
 * {@code registry} and {@code rest}.
 */
package dev.gradex.tracking;
