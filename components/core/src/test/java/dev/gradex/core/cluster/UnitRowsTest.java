package dev.gradex.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class UnitRowsTest {
  @Test
  void shapesAtTheEdgesAreAcceptedAndShortFeaturesAreNot() {
    assertThat(new UnitRows(new float[0], 0, 1).nonZero()).isZero();
    UnitRows one = new UnitRows(new float[] {3, 4, 0, 0}, 2, 2);
    assertThat(one.unit).containsExactly(0.6, 0.8, 0, 0);
    assertThat(one.zero).containsExactly(false, true);
    assertThatThrownBy(() -> new UnitRows(new float[3], 2, 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new UnitRows(new float[0], 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new UnitRows(new float[] {1, Float.NaN}, 1, 2))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("row 0 has value NaN");
  }

  @Test
  void clusterCountMayRangeFromOneToTheNonZeroRows() {
    UnitRows x = new UnitRows(new float[] {1, 0, 0, 1, 0, 0}, 3, 2);
    x.checkClusterCount(1);
    x.checkClusterCount(2);
    assertThatThrownBy(() -> x.checkClusterCount(3))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("use 1..2");
    assertThatThrownBy(() -> x.checkClusterCount(0)).isInstanceOf(InvalidInputException.class);
  }
}
