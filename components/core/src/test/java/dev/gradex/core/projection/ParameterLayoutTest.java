package dev.gradex.core.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.core.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterLayoutTest {
  private static final ParameterLayout LORA =
      ParameterLayout.of(ParameterBlock.of("lora_A", 8, 64), ParameterBlock.of("lora_B", 64, 8));

  @Test
  void parameterCount_isSumOfShapeProducts() {
    assertThat(LORA.parameterCount()).isEqualTo(1024);
    assertThat(LORA.blocks().get(0).numel()).isEqualTo(512);
  }

  @Test
  void hash_isSha256OfCanonicalText() {
    // printf 'lora_A\t8,64\nlora_B\t64,8\n' | sha256sum
    assertThat(LORA.hash())
        .isEqualTo("6d56fa49733693a132260fea674a72a950e72065c291329caf992d95b4ee243c");
  }

  @Test
  void hash_changesWithOrderAndShape() {
    ParameterLayout swapped = ParameterLayout.of(LORA.blocks().get(1), LORA.blocks().get(0));
    ParameterLayout reshaped =
        ParameterLayout.of(ParameterBlock.of("lora_A", 64, 8), ParameterBlock.of("lora_B", 64, 8));
    assertThat(swapped.hash()).isNotEqualTo(LORA.hash());
    assertThat(reshaped.hash()).isNotEqualTo(LORA.hash());
  }

  @Test
  void duplicateName_isRejectedNamingTheBlock() {
    assertThatThrownBy(
            () -> ParameterLayout.of(ParameterBlock.of("w", 2), ParameterBlock.of("w", 3)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("w")
        .hasMessageContaining("duplicate");
  }

  @Test
  void zeroDimensionOrEmptyName_isRejected() {
    assertThatThrownBy(() -> ParameterBlock.of("w", 2, 0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("> 0");
    assertThatThrownBy(() -> new ParameterBlock("", List.of(2L)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("non-empty");
    assertThatThrownBy(() -> new ParameterLayout(List.of()))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void indexOf_findsBlockByName() {
    assertThat(LORA.indexOf("lora_B")).isEqualTo(1);
    assertThat(LORA.indexOf("nope")).isEqualTo(-1);
  }
}
