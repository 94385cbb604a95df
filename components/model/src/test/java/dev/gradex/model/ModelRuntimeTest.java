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

  @Test
  void negativeThreadCountsAreRefusedNamingTheSetting() {
    assertThatThrownBy(() -> ModelRuntime.setThreads(-1, 0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("threads")
        .hasMessageContaining("got -1, 0");
  }

  @Test
  void onceTheEngineRunsOnlyItsOwnThreadCountsAreAccepted() {
    ModelRuntime.Threads now = ModelRuntime.threads();
    assertThat(now.intraOp()).isPositive();
    assertThat(now.interOp()).isPositive();
    ModelRuntime.setThreads(0, 0); // nothing asked for
    ModelRuntime.defaultThreads(now.intraOp() + 1, now.interOp() + 1); // a default: kept silently
    assertThat(ModelRuntime.threads()).isEqualTo(now);
    ModelRuntime.setThreads(now.intraOp(), now.interOp()); // what it runs with
    assertThatThrownBy(() -> ModelRuntime.setThreads(now.intraOp() + 1, 0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already runs with " + now)
        .hasMessageContaining("set once per process");
  }
}
