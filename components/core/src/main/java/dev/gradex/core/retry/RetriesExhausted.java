package dev.gradex.core.retry;

import java.time.Duration;
import java.util.Locale;

/**
 * A call that did not succeed: its last failure ({@link #getCause()}), how many attempts were made
 * and how long they took, and whether the last failure was one worth retrying (false: it was not
 * retried at all).
 */
public final class RetriesExhausted extends Exception {
  private static final long serialVersionUID = 1L;
  private final int attempts;
  private final Duration elapsed;
  private final boolean retryable;

  RetriesExhausted(Exception last, int attempts, Duration elapsed, boolean retryable) {
    super(describe(attempts, elapsed) + ": " + last.getMessage(), last);
    this.attempts = attempts;
    this.elapsed = elapsed;
    this.retryable = retryable;
  }

  /** {@code "after 5 attempts over 6.2 s"}. */
  public static String describe(int attempts, Duration elapsed) {
    return String.format(
        Locale.ROOT,
        "after %d attempt%s over %.1f s",
        attempts,
        attempts == 1 ? "" : "s",
        elapsed.toMillis() / 1000.0);
  }

  /** The last failure. */
  public Exception last() {
    return (Exception) getCause();
  }

  /** Attempts made, the first included. */
  public int attempts() {
    return attempts;
  }

  /** From the start of the first attempt to the end of the last. */
  public Duration elapsed() {
    return elapsed;
  }

  /** Whether the last failure was retryable (so the attempts ran out). */
  public boolean retryable() {
    return retryable;
  }
}
