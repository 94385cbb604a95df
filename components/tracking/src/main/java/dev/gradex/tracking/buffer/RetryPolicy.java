package dev.gradex.tracking.buffer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Bounded exponential backoff: attempt {@code k} (1-based) is followed, if it fails and another is
 * allowed, by a pause of {@code min(initialDelay * 2^(k-1), maxDelay)}.
 *
 * @param maxAttempts attempts per call before giving up for now (at least 1)
 * @param initialDelay pause after the first failed attempt
 * @param maxDelay longest pause
 * @param probeInterval while the server is down, how long to wait before trying again on a new call
 */
public record RetryPolicy(
    int maxAttempts, Duration initialDelay, Duration maxDelay, Duration probeInterval) {

  /** 5 attempts, pauses 0.2 s, 0.4 s, 0.8 s, 1.6 s (at most 5 s); probe every 30 s when down. */
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

  /** The pause after failed attempt {@code attempt} (1-based). */
  public Duration delayAfter(int attempt) {
    Duration d = initialDelay;
    for (int i = 1; i < attempt && d.compareTo(maxDelay) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(maxDelay) > 0 ? maxDelay : d;
  }

  /** The pauses between the attempts of one call: {@code maxAttempts - 1} of them. */
  public List<Duration> schedule() {
    List<Duration> s = new ArrayList<>();
    for (int k = 1; k < maxAttempts; k++) {
      s.add(delayAfter(k));
    }
    return s;
  }
}
