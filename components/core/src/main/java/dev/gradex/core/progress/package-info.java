/**
 * Progress events: the one event type ({@link dev.gradex.core.progress.ProgressEvent}) that every
 * long step of GradEx (training, gradient extraction, subset estimation, a run's stages) emits to a
 * {@link dev.gradex.core.progress.ProgressListener}. Library code only emits; the front-ends (the
 * component programs, {@code gradex run}) decide how to print. Depends on the JDK only.
 */
package dev.gradex.core.progress;
