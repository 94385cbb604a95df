package dev.gradex.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.util.Utils;
import dev.gradex.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class ModelRuntimeTest {
  @Test
  void engineIsPyTorchAndRunsOffline() {
    assertThat(ModelRuntime.engine().getEngineName()).isEqualTo("PyTorch");
    if (System.getenv("DJL_OFFLINE") == null) {
      assertThat(Utils.isOfflineMode()).isTrue();
    }
  }

  @Test
  void deviceSettingsParseOrNameTheProblem() {
    assertThat(ModelRuntime.device("cpu")).isEqualTo(Device.cpu());
    assertThat(ModelRuntime.device("auto")).isNotNull();
    assertThatThrownBy(() -> ModelRuntime.device("gpu:64"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("GPU(s) are visible");
    assertThatThrownBy(() -> ModelRuntime.device("tpu"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'tpu'");
  }
}
