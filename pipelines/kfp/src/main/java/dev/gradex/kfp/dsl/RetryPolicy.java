package dev.gradex.kfp.dsl;

import java.time.Duration;

/**
 * How often KFP retries a failed task and how long it waits between tries. Steps must be idempotent
 * for retries to be safe (GradEx stages are).
 *
 * @param maxRetryCount retries after the first failure, at least 1
 * @param backoff wait before the first retry
 * @param backoffFactor multiplier applied to the wait after each retry, at least 1
 * @param maxBackoff upper bound of the wait
 */
public record RetryPolicy(
    int maxRetryCount, Duration backoff, double backoffFactor, Duration maxBackoff) {
  public RetryPolicy {
    Problems p =
        new Problems("retry policy")
            .check(maxRetryCount >= 1, "maxRetryCount must be >= 1, got " + maxRetryCount)
            .required("backoff", backoff)
            .required("maxBackoff", maxBackoff)
            .check(backoffFactor >= 1, "backoffFactor must be >= 1, got " + backoffFactor);
    p.throwIfAny();
  }

  /** {@code n} retries, 60 s first wait, doubling, at most one hour. */
  public static RetryPolicy of(int n) {
    return new RetryPolicy(n, Duration.ofSeconds(60), 2.0, Duration.ofHours(1));
  }
}
