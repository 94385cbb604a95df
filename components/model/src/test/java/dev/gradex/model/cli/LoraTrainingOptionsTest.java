package dev.gradex.model.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.model.data.SequenceLimit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class LoraTrainingOptionsTest {
  @Command(name = "stage")
  static final class Stage {
    @Mixin LoraTrainingOptions options = new LoraTrainingOptions();
  }

  private static SequenceLimit parse(String... extra) {
    Stage s = new Stage();
    String[] args = new String[extra.length + 4];
    args[0] = "--sources";
    args[1] = "s";
    args[2] = "--base-model";
    args[3] = "m";
    System.arraycopy(extra, 0, args, 4, extra.length);
    new CommandLine(s).parseArgs(args);
    return s.options.settings().sequenceLimit();
  }

  @Test
  void truncateIsOffByDefaultAndTakesAFlagOrAValueAsKubeflowPassesIt() {
    assertThat(parse()).isEqualTo(new SequenceLimit(0, false));
    assertThat(parse("--max-seq-length", "128", "--truncate"))
        .isEqualTo(new SequenceLimit(128, true));
    assertThat(parse("--truncate", "true", "--max-seq-length", "64"))
        .isEqualTo(new SequenceLimit(64, true));
    assertThat(parse("--truncate", "false")).isEqualTo(new SequenceLimit(0, false));
  }
}
