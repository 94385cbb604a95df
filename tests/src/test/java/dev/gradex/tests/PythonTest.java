package dev.gradex.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The runner must not block when a script fills the stderr pipe (64 KB on Linux) first. */
class PythonTest {
  // A separate thread: a read blocked on a pipe does not answer an interrupt, so the default
  // same-thread timeout would wait for ever on the old runner instead of failing.
  private static final String FLOOD =
      "import sys; sys.stderr.write('e' * (1 << 20)); sys.stderr.flush(); print('{\"ok\": true}')";

  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void scriptWritingOneMegabyteToStderr_returnsItsStdoutWithoutBlocking() throws Exception {
    String out = Python.run(List.of(Python.interpreter(), "-c", FLOOD), "flood");
    assertThat(out.strip()).isEqualTo("{\"ok\": true}");
  }

  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
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
