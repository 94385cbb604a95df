package dev.gradex.kfp.ir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NumbersTest {
  @Test
  void pythonRepr_matchesPythonAndPyYaml() {
    assertThat(Numbers.pythonRepr(4)).isEqualTo("4.0");
    assertThat(Numbers.pythonRepr(0.0001)).isEqualTo("0.0001");
    assertThat(Numbers.pythonRepr(2e-4)).isEqualTo("0.0002");
    assertThat(Numbers.pythonRepr(1e-5)).isEqualTo("1.0e-05");
    assertThat(Numbers.pythonRepr(2.5e-7)).isEqualTo("2.5e-07");
    assertThat(Numbers.pythonRepr(17.179869184)).isEqualTo("17.179869184");
  }

  @Test
  void memoryGb_convertsBinaryAndDecimalUnitsLikeTheSdk() {
    assertThat(Numbers.memoryGb("16Gi")).isEqualTo(17.179869184);
    assertThat(Numbers.memoryGb("8G")).isEqualTo(8.0);
    assertThat(Numbers.memoryGb("512Mi")).isEqualTo(0.536870912);
  }

  @Test
  void cpu_readsMillicores() {
    assertThat(Numbers.cpu("500m")).isEqualTo(0.5);
    assertThat(Numbers.cpu("2")).isEqualTo(2.0);
  }

  @Test
  void toProtoValue_turnsIntegersIntoDoublesRecursively() {
    assertThat(Numbers.toProtoValue(List.of(0, 1))).isEqualTo(List.of(0.0, 1.0));
  }
}
