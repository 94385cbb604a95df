/**
 * Bounded retries with capped exponential backoff and jitter ({@link
 * dev.gradex.core.retry.Backoff}, {@link dev.gradex.core.retry.Retrier}), shared by the clients of
 * MLflow, KFP and the watcher.
 */
package dev.gradex.core.retry;
