package dev.gradex.core.retry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Bounded exponential backoff with "equal jitter": after failed attempt {@code k} (1-based) the
 * ceiling is {@code c = min(initialDelay * 2^(k-1), maxDelay)} and the pause is drawn uniformly
 * from {@code [c/2, c]} (half fixed, half random). Equal rather than full jitter keeps a floor
 * under every pause, so a struggling server always gets at least half the ceiling, while clients
 * that failed together still spread out (AWS Architecture Blog, "Exponential Backoff And Jitter",
 * 2015). {@link Jitter#NONE} gives the ceilings themselves.
 *
 * @param maxAttempts attempts in all, the first included (at least 1)
 * @param initialDelay ceiling of the pause after the first failed attempt
 * @param maxDelay largest ceiling
 * @param jitter how the pause is drawn under its ceiling
 */
public record Backoff(int maxAttempts, Duration initialDelay, Duration maxDelay, Jitter jitter) {

  /** How a pause is drawn under its ceiling {@code c}. */
  public enum Jitter {
    /** Exactly {@code c}. */
    NONE,
    /** Uniform in {@code [c/2, c]}. */
    EQUAL
  }

  /** Checks every field and names every problem in one message. */
  public Backoff {
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
    if (jitter == null) {
      errors.add("jitter is required");
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException("invalid backoff: " + String.join("; ", errors));
    }
  }

  /** Equal jitter. */
  public static Backoff of(int maxAttempts, Duration initialDelay, Duration maxDelay) {
    return new Backoff(maxAttempts, initialDelay, maxDelay, Jitter.EQUAL);
  }

  /** The ceiling of the pause after failed attempt {@code attempt} (1-based). */
  public Duration ceiling(int attempt) {
    Duration d = initialDelay;
    for (int i = 1; i < attempt && d.compareTo(maxDelay) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(maxDelay) > 0 ? maxDelay : d;
  }

  /** The pause after failed attempt {@code attempt}, drawn with {@code random}. */
  public Duration delay(int attempt, RandomGenerator random) {
    Duration c = ceiling(attempt);
    if (jitter == Jitter.NONE || c.isZero()) {
      return c;
    }
    long nanos = c.toNanos();
    long half = nanos / 2;
    return Duration.ofNanos(half + random.nextLong(nanos - half + 1));
  }

  /** The ceilings of the {@code maxAttempts - 1} pauses of one call. */
  public List<Duration> ceilings() {
    List<Duration> s = new ArrayList<>();
    for (int k = 1; k < maxAttempts; k++) {
      s.add(ceiling(k));
    }
    return s;
  }
}
