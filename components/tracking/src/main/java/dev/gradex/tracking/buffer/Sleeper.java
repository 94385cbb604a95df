package dev.gradex.tracking.buffer;

import java.time.Duration;

/** Pauses between attempts; injectable so tests do not wait. */
@FunctionalInterface
public interface Sleeper {
  /** Sleeps with {@link Thread#sleep}. */
  Sleeper REAL = d -> Thread.sleep(d.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
