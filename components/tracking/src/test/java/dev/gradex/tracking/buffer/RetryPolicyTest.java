package dev.gradex.tracking.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  @Test
  void defaultPolicyCeilingsDoubleFrom200MsBetweenItsFiveAttempts() {
    assertThat(RetryPolicy.DEFAULT.schedule())
        .containsExactly(
            Duration.ofMillis(200),
            Duration.ofMillis(400),
            Duration.ofMillis(800),
            Duration.ofMillis(1600));
  }

  @Test
  void pausesStopGrowingAtMaxDelay() {
    RetryPolicy p =
        new RetryPolicy(8, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ZERO);
    assertThat(p.schedule())
        .containsExactly(
            Duration.ofMillis(200),
            Duration.ofMillis(400),
            Duration.ofMillis(800),
            Duration.ofMillis(1600),
            Duration.ofMillis(3200),
            Duration.ofSeconds(5),
            Duration.ofSeconds(5));
    assertThat(p.delayAfter(1000)).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void singleAttemptHasNoPause() {
    assertThat(new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO).schedule())
        .isEmpty();
  }

  @Test
  void invalidPolicyNamesEveryProblemAtOnce() {
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofSeconds(2), Duration.ofSeconds(1), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid retry policy: maxAttempts must be >= 1, got 0; maxDelay must be >="
                + " initialDelay; probeInterval must be >= 0");
  }

  @Test
  void pausesAreJitteredInsideHalfTheirCeilingToTheCeiling_andSeededOnesRepeat() {
    java.util.SplittableRandom a = new java.util.SplittableRandom(11);
    java.util.SplittableRandom b = new java.util.SplittableRandom(11);
    for (int k = 1; k <= 6; k++) {
      Duration c = RetryPolicy.DEFAULT.delayAfter(k);
      Duration d = RetryPolicy.DEFAULT.delayAfter(k, a);
      assertThat(d).isBetween(c.dividedBy(2), c);
      assertThat(RetryPolicy.DEFAULT.delayAfter(k, b)).isEqualTo(d);
    }
  }
}
