package dev.gradex.core.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private static final Backoff B = Backoff.of(8, Duration.ofMillis(200), Duration.ofSeconds(5));

  @Test
  void ceilingsDoubleFromTheInitialDelayAndStopAtTheCap() {
    assertThat(B.ceilings())
        .containsExactly(
            Duration.ofMillis(200),
            Duration.ofMillis(400),
            Duration.ofMillis(800),
            Duration.ofMillis(1600),
            Duration.ofMillis(3200),
            Duration.ofSeconds(5),
            Duration.ofSeconds(5));
    assertThat(B.ceiling(10_000)).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void equalJitterDrawsEveryPauseInsideHalfTheCeilingToTheCeiling() {
    SplittableRandom random = new SplittableRandom(7);
    for (int attempt = 1; attempt < 40; attempt++) {
      for (int i = 0; i < 200; i++) {
        Duration c = B.ceiling(attempt);
        assertThat(B.delay(attempt, random)).isBetween(c.dividedBy(2), c);
      }
    }
  }

  @Test
  void seededRandomGivesTheSameScheduleEveryTime_andTheJitterActuallyVaries() {
    List<Duration> first = schedule(42);
    assertThat(schedule(42)).isEqualTo(first);
    assertThat(schedule(43)).isNotEqualTo(first);
    assertThat(first).doesNotContainAnyElementsOf(B.ceilings().subList(0, 5));
  }

  @Test
  void seededScheduleHasThePinnedValues() {
    SplittableRandom r = new SplittableRandom(42);
    assertThat(List.of(B.delay(1, r), B.delay(2, r), B.delay(3, r), B.delay(4, r)))
        .containsExactly(
            Duration.ofNanos(180_350_727),
            Duration.ofNanos(288_880_952),
            Duration.ofNanos(607_277_260),
            Duration.ofNanos(1_360_879_100));
  }

  @Test
  void noJitterGivesTheCeilings() {
    Backoff none =
        new Backoff(3, Duration.ofMillis(100), Duration.ofSeconds(1), Backoff.Jitter.NONE);
    SplittableRandom r = new SplittableRandom(1);
    assertThat(List.of(none.delay(1, r), none.delay(2, r), none.delay(5, r)))
        .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(1000));
  }

  @Test
  void invalidBackoffNamesEveryProblemAtOnce() {
    assertThatThrownBy(() -> new Backoff(0, Duration.ofSeconds(2), Duration.ofSeconds(1), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid backoff: maxAttempts must be >= 1, got 0; maxDelay must be >= initialDelay;"
                + " jitter is required");
  }

  private static List<Duration> schedule(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Duration> s = new ArrayList<>();
    for (int k = 1; k < B.maxAttempts(); k++) {
      s.add(B.delay(k, r));
    }
    return s;
  }
}
