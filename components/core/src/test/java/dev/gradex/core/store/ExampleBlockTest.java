package dev.gradex.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExampleBlockTest {
  @Test
  void emptyBlockIsValidButZeroDimOrShortArraysAreNot() {
    assertThat(new ExampleBlock(0, 3, new float[0], new float[0], new int[0]).rows()).isZero();
    assertThatThrownBy(() -> new ExampleBlock(0, 0, new float[0], new float[0], new int[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ExampleBlock(2, 3, new float[5], new float[2], new int[2]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("arrays shorter");
    assertThat(new ExampleBlock(2, 3, new float[6], new float[2], new int[2]).dim()).isEqualTo(3);
  }
}
