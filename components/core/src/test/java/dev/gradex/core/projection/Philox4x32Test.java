package dev.gradex.core.projection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Philox4x32Test {
  private static int[] philox(int[] counter, int[] key) {
    int[] out = new int[4];
    Philox4x32.block(counter, key, out);
    return out;
  }

  @Test
  void zeroCounterAndKey_matchesRandom123KnownAnswer() {
    assertThat(philox(new int[] {0, 0, 0, 0}, new int[] {0, 0}))
        .containsExactly(0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8);
  }

  @Test
  void allOnesCounterAndKey_matchesRandom123KnownAnswer() {
    assertThat(philox(new int[] {-1, -1, -1, -1}, new int[] {-1, -1}))
        .containsExactly(0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd);
  }

  @Test
  void piDigitsCounterAndKey_matchesRandom123KnownAnswer() {
    assertThat(
            philox(
                new int[] {0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344},
                new int[] {0xa4093822, 0x299f31d0}))
        .containsExactly(0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1);
  }

  @Test
  void inputsAreNotModified() {
    int[] counter = {1, 2, 3, 4};
    int[] key = {5, 6};
    philox(counter, key);
    assertThat(counter).containsExactly(1, 2, 3, 4);
    assertThat(key).containsExactly(5, 6);
  }
}
