package dev.gradex.kfp.rest;

import dev.gradex.core.retry.Backoff;
import dev.gradex.core.retry.Sleeper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * When a KFP API request is tried again: statuses 408, 429, 500, 502, 503, 504 and timeouts or
 * connection failures, for a request that is safe to repeat (GET, DELETE, or a create guarded by a
 * look-up); for any other request only failures that prove it never reached the server (a refused
 * connection or a connect timeout).
 *
 * @param backoff attempts and pauses (equal jitter)
 * @param random the jitter's generator
 * @param sleeper how pauses are taken
 */
public record KfpRetry(Backoff backoff, RandomGenerator random, Sleeper sleeper) {
  /** 5 attempts, pauses under 0.5, 1, 2, 4 s (at most 8 s; a Retry-After is capped there too). */
  public static Backoff defaultBackoff() {
    return Backoff.of(5, Duration.ofMillis(500), Duration.ofSeconds(8));
  }

  private static final Set<Integer> RETRIED = Set.of(408, 429, 500, 502, 503, 504);

  /** An answer with a status worth retrying, with the pause its {@code Retry-After} asks for. */
  static final class RetryableStatus extends Exception {
    private static final long serialVersionUID = 1L;
    final transient KfpApiException error;
    final transient Optional<Duration> retryAfter;

    RetryableStatus(KfpApiException error, Optional<Duration> retryAfter) {
      super(error.getMessage(), error, false, false);
      this.error = error;
      this.retryAfter = retryAfter;
    }
  }

  static boolean retriedStatus(int status) {
    return RETRIED.contains(status);
  }

  /** Whether {@code e} is worth another attempt of a request that may be repeated or not. */
  static boolean retryable(Exception e, boolean repeatable) {
    if (e instanceof ConnectException || e instanceof HttpConnectTimeoutException) {
      return true;
    }
    if (!repeatable) {
      return false;
    }
    return e instanceof RetryableStatus
        || e instanceof HttpTimeoutException
        || e instanceof IOException;
  }

  /** {@code Retry-After: <seconds>}; HTTP dates are not used by KFP's gateway. */
  static Optional<Duration> retryAfter(Optional<String> header) {
    try {
      return header.map(String::strip).map(Long::parseLong).map(Duration::ofSeconds);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
