package dev.gradex.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.model.data.SequenceLimit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ExtractGradientsOptionsTest {
  private static ExtractStage.Settings parse(String... extra) {
    ExtractGradientsCommand c = new ExtractGradientsCommand();
    String[] base = {"--sources", "s", "--base-model", "m", "--adapter", "a", "--store-out", "o"};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    new CommandLine(c).parseArgs(args);
    return c.settings();
  }

  @Test
  void maxSeqLengthAndTruncateReachTheStageSettings() {
    assertThat(parse().sequenceLimit()).isEqualTo(SequenceLimit.MODEL);
    assertThat(parse("--max-seq-length", "256", "--truncate").sequenceLimit())
        .isEqualTo(new SequenceLimit(256, true));
    assertThat(parse("--truncate", "false", "--max-seq-length", "32").sequenceLimit())
        .isEqualTo(new SequenceLimit(32, false));
  }

  @Test
  void appendEosIsOnByDefaultAndOffWithFalse() {
    assertThat(parse().sequenceLimit().appendEos()).isTrue();
    assertThat(parse("--append-eos", "false", "--truncate").sequenceLimit())
        .isEqualTo(new SequenceLimit(0, true, false));
  }
}
