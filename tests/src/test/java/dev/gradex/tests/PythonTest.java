package dev.gradex.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class PythonTest {
  private static final String FLOOD =
      "import sys; sys.stderr.write('e' * (1 << 20)); sys.stderr.flush(); print('{\"ok\": true}')";

  @Test
  @Timeout(120)
  void scriptWritingOneMegabyteToStderr_returnsItsStdoutWithoutBlocking() throws Exception {
    String out = Python.run(List.of(Python.interpreter(), "-c", FLOOD), "flood");
    assertThat(out.strip()).isEqualTo("{\"ok\": true}");
  }

  @Test
  @Timeout(120)
  void failingScriptWithOneMegabyteOfStderr_failsWithTheTailOfStderr() {
    String script = FLOOD + "; sys.stderr.write('the reason'); sys.exit(3)";
    long start = System.nanoTime();
    assertThatThrownBy(() -> Python.run(List.of(Python.interpreter(), "-c", script), "flood"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("exited 3")
        .hasMessageEndingWith("the reason");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
  }
}
