package dev.gradex.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.cli.GradexCli;
import org.junit.jupiter.api.Test;

class PeakRssTest {
  @Test
  void theChildsMainClassByNameIsTheGradexRootCommand() {
    assertThat(PeakRss.GRADEX_MAIN).isEqualTo(GradexCli.class.getName());
  }

  @Test
  void highWaterMarkOfThisProcessIsReadFromProc() {
    assertThat(PeakRss.vmHwmKib(ProcessHandle.current().pid())).isPositive();
  }

  @Test
  void aProcessThatIsGoneReadsAsZero() {
    assertThat(PeakRss.vmHwmKib(Integer.MAX_VALUE)).isZero();
  }
}
