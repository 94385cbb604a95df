package dev.gradex.core.retry;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Runs a call up to {@link Backoff#maxAttempts()} times, pausing by the backoff between attempts,
 * while its failures are retryable. A failure may carry its own pause (an HTTP {@code
 * Retry-After}), which is used instead, capped at {@link Backoff#maxDelay()}. Thread-safe when its
 * random generator is.
 */
public final class Retrier {
  /** One attempt; {@code attempt} is 1 for the first. */
  @FunctionalInterface
  public interface Attempt<T> {
    /** Makes attempt number {@code attempt}. */
    T run(int attempt) throws Exception;
  }

  private final Backoff backoff;
  private final RandomGenerator random;
  private final Sleeper sleeper;
  private final Predicate<Exception> retryable;
  private final Function<Exception, Optional<Duration>> hint;
  private final System.Logger log = System.getLogger(Retrier.class.getName());

  /**
   * @param retryable which failures are worth another attempt
   * @param hint a pause a failure asks for (e.g. from {@code Retry-After}), else empty
   */
  public Retrier(
      Backoff backoff,
      RandomGenerator random,
      Sleeper sleeper,
      Predicate<Exception> retryable,
      Function<Exception, Optional<Duration>> hint) {
    this.backoff = backoff;
    this.random = random;
    this.sleeper = sleeper;
    this.retryable = retryable;
    this.hint = hint;
  }

  /** Without pauses asked for by failures. */
  public Retrier(
      Backoff backoff, RandomGenerator random, Sleeper sleeper, Predicate<Exception> retryable) {
    this(backoff, random, sleeper, retryable, e -> Optional.empty());
  }

  /** The backoff this retrier follows. */
  public Backoff backoff() {
    return backoff;
  }

  /**
   * The call's value from its first successful attempt.
   *
   * @throws RetriesExhausted with the last failure when a failure was not retryable or the attempts
   *     ran out
   * @throws InterruptedException when interrupted while pausing
   */
  public <T> T call(Attempt<T> call) throws RetriesExhausted, InterruptedException {
    long start = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      try {
        return call.run(attempt);
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        boolean again = retryable.test(e);
        if (!again || attempt >= backoff.maxAttempts()) {
          throw new RetriesExhausted(
              e, attempt, Duration.ofNanos(System.nanoTime() - start), again);
        }
        Duration pause = pause(attempt, e);
        log.log(
            System.Logger.Level.DEBUG,
            () -> "attempt failed, retrying in " + pause.toMillis() + " ms: " + e.getMessage());
        sleeper.sleep(pause);
      }
    }
  }

  private Duration pause(int attempt, Exception e) {
    Optional<Duration> asked = hint.apply(e);
    if (asked.isPresent() && !asked.get().isNegative()) {
      return asked.get().compareTo(backoff.maxDelay()) > 0 ? backoff.maxDelay() : asked.get();
    }
    return backoff.delay(attempt, random);
  }
}
