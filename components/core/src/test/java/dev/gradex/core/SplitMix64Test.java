package dev.gradex.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SplitMix64Test {
  @Test
  void nextIntRejectsAnEmptyRangeAndCoversASmallOneUniformly() {
    SplitMix64 random = new SplitMix64(1);
    assertThatThrownBy(() -> random.nextInt(0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(random.nextInt(1)).isZero();
    int[] counts = new int[3];
    for (int i = 0; i < 30_000; i++) {
      counts[random.nextInt(3)]++;
    }
    for (int c : counts) {
      assertThat(c).isBetween(9_600, 10_400);
    }
  }
}
