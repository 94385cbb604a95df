package dev.gradex.core.retry;

import java.time.Duration;

/** Pauses between attempts; injectable so that tests record the pauses instead of waiting. */
@FunctionalInterface
public interface Sleeper {
  /** Sleeps with {@link Thread#sleep}. */
  Sleeper REAL = d -> Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));

  /** Pauses for {@code duration}. */
  void sleep(Duration duration) throws InterruptedException;
}
