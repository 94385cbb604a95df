package dev.gradex.core.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetrierTest {
  private final List<Duration> sleeps = new ArrayList<>();
  private final Backoff backoff = Backoff.of(4, Duration.ofMillis(100), Duration.ofMillis(250));

  private Retrier retrier() {
    return new Retrier(
        backoff, new SplittableRandom(3), sleeps::add, e -> e instanceof IOException);
  }

  @Test
  void transientFailuresAreRetriedUntilSuccessWithJitteredPauses() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    String value =
        retrier()
            .call(
                attempt -> {
                  calls.incrementAndGet();
                  if (attempt < 3) {
                    throw new IOException("503");
                  }
                  return "ok@" + attempt;
                });
    assertThat(value).isEqualTo("ok@3");
    assertThat(calls).hasValue(3);
    assertThat(sleeps).hasSize(2);
    assertThat(sleeps.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
    assertThat(sleeps.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
  }

  @Test
  void attemptsAreBoundedAndTheFailureSaysHowMany() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(
            () ->
                retrier()
                    .call(
                        a -> {
                          calls.incrementAndGet();
                          throw new IOException("HTTP 503 from the server");
                        }))
        .isInstanceOfSatisfying(
            RetriesExhausted.class,
            e -> {
              assertThat(e.attempts()).isEqualTo(4);
              assertThat(e.retryable()).isTrue();
              assertThat(e.last()).hasMessage("HTTP 503 from the server");
              assertThat(e.getMessage())
                  .matches("after 4 attempts over \\d+\\.\\d s: HTTP 503 from the server");
            });
    assertThat(calls).hasValue(4);
    // The last pause is capped at 250 ms (its ceiling would be 400 ms).
    assertThat(sleeps).hasSize(3);
    assertThat(sleeps.get(2)).isBetween(Duration.ofMillis(125), Duration.ofMillis(250));
  }

  @Test
  void nonRetryableFailureIsNotRetried() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(
            () ->
                retrier()
                    .call(
                        a -> {
                          calls.incrementAndGet();
                          throw new IllegalArgumentException("400 bad request");
                        }))
        .isInstanceOfSatisfying(
            RetriesExhausted.class,
            e -> {
              assertThat(e.attempts()).isEqualTo(1);
              assertThat(e.retryable()).isFalse();
              assertThat(e.last()).isInstanceOf(IllegalArgumentException.class);
            });
    assertThat(calls).hasValue(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void aPauseTheFailureAsksForIsUsedButCappedAtTheMaxDelay() throws Exception {
    Retrier r =
        new Retrier(
            backoff,
            new SplittableRandom(3),
            sleeps::add,
            e -> true,
            e -> Optional.of(Duration.ofSeconds(e.getMessage().equals("short") ? 0 : 60)));
    r.call(
        a -> {
          if (a == 1) {
            throw new IOException("short");
          }
          if (a == 2) {
            throw new IOException("long");
          }
          return a;
        });
    assertThat(sleeps).containsExactly(Duration.ZERO, Duration.ofMillis(250));
  }
}
