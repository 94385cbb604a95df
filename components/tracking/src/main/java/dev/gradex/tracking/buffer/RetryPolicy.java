package dev.gradex.tracking.buffer;

import dev.gradex.core.retry.Backoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Bounded exponential backoff with equal jitter ({@link Backoff}): after failed attempt {@code k}
 * (1-based), if another is allowed, the pause is drawn from {@code [c/2, c]} where {@code c =
 * min(initialDelay * 2^(k-1), maxDelay)}.
 *
 * @param maxAttempts attempts per call before giving up for now (at least 1)
 * @param initialDelay ceiling of the pause after the first failed attempt
 * @param maxDelay largest ceiling
 * @param probeInterval while the server is down, how long to wait before trying again on a new call
 */
public record RetryPolicy(
    int maxAttempts, Duration initialDelay, Duration maxDelay, Duration probeInterval) {

  /**
   * 5 attempts, pauses under 0.2 s, 0.4 s, 0.8 s, 1.6 s (at most 5 s); probe every 30 s when down.
   */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(30));

  public RetryPolicy {
    List<String> errors = new ArrayList<>();
    if (maxAttempts < 1) {
      errors.add("maxAttempts must be >= 1, got " + maxAttempts);
    }
    if (initialDelay == null || initialDelay.isNegative()) {
      errors.add("initialDelay must be >= 0");
    }
    if (maxDelay == null || (initialDelay != null && maxDelay.compareTo(initialDelay) < 0)) {
      errors.add("maxDelay must be >= initialDelay");
    }
    if (probeInterval == null || probeInterval.isNegative()) {
      errors.add("probeInterval must be >= 0");
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException("invalid retry policy: " + String.join("; ", errors));
    }
  }

  /** The backoff of one call's attempts. */
  public Backoff backoff() {
    return Backoff.of(maxAttempts, initialDelay, maxDelay);
  }

  /** The ceiling of the pause after failed attempt {@code attempt} (1-based). */
  public Duration delayAfter(int attempt) {
    return backoff().ceiling(attempt);
  }

  /** The pause after failed attempt {@code attempt}, jittered with {@code random}. */
  public Duration delayAfter(int attempt, RandomGenerator random) {
    return backoff().delay(attempt, random);
  }

  /** The ceilings of the pauses between the attempts of one call: {@code maxAttempts - 1}. */
  public List<Duration> schedule() {
    return backoff().ceilings();
  }
}
