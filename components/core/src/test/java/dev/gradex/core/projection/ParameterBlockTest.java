package dev.gradex.core.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class ParameterBlockTest {
  @Test
  void namesWithATabOrLineBreakAnywhereAreRejected() {
    for (String name : new String[] {"\tlora", "lora\n", "\rlora", "lo\tra"}) {
      assertThatThrownBy(() -> ParameterBlock.of(name, 2))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("tabs or line breaks");
    }
  }

  @Test
  void lineFeedAtTheStartOfANameIsRejected() {
    assertThatThrownBy(() -> ParameterBlock.of("\nlora", 2))
        .hasMessageContaining("tabs or line breaks");
  }

  @Test
  void exactlyTwoToTheFortyEightParametersFitInOneBlockAndOneMoreDoesNot() {
    assertThat(ParameterBlock.of("max", 1L << 24, 1L << 24).numel()).isEqualTo(1L << 48);
    assertThat(ParameterBlock.of("max3", 1L << 16, 1L << 16, 1L << 16).numel()).isEqualTo(1L << 48);
    assertThatThrownBy(() -> ParameterBlock.of("over", 1L << 24, (1L << 24) + 1))
        .hasMessageContaining("more than 2^48");
    assertThatThrownBy(() -> ParameterBlock.of("over3", 1L << 16, 1L << 16, 1L << 17))
        .hasMessageContaining("more than 2^48");
  }
}
