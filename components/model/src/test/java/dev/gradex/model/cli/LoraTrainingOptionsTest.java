package dev.gradex.model.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.component.settings.cli.CatalogOptions;
import dev.gradex.model.config.Gpt2Config;
import dev.gradex.model.data.Example;
import dev.gradex.model.data.ExampleEncoder;
import dev.gradex.model.data.SequenceLimit;
import dev.gradex.model.tokenizer.CharTokenizer;
import dev.gradex.model.train.LoraJob;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class LoraTrainingOptionsTest {
  @Command(name = "stage")
  static final class Stage {
    @Mixin LoraTrainingOptions options = new LoraTrainingOptions();
  }

  /** The fine-tune component's flags, defaults from the catalog as the real command has them. */
  @Command(name = "fine-tune", modelTransformer = CatalogOptions.class)
  static final class FineTune {
    @Mixin LoraTrainingOptions options = new LoraTrainingOptions();
  }

  private static LoraJob.Settings fineTune(String... extra) {
    FineTune s = new FineTune();
    String[] args = new String[extra.length + 4];
    args[0] = "--sources";
    args[1] = "s";
    args[2] = "--base-model";
    args[3] = "m";
    System.arraycopy(extra, 0, args, 4, extra.length);
    new CommandLine(s).parseArgs(args);
    return s.options.settings();
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

  @Test
  void appendEosIsOnByDefaultReachesTheEncoderAndTakesFalseAsKubeflowPassesIt() {
    Gpt2Config withEos = new Gpt2Config(20, 16, 8, 1, 2, 1e-5, OptionalLong.of(10));
    CharTokenizer chars = new CharTokenizer("abc=");
    Example x = Example.lm("x", "t", "a=", "b");
    LoraJob.Settings on = fineTune();
    assertThat(on.sequenceLimit()).isEqualTo(new SequenceLimit(0, false, true));
    assertThat(ExampleEncoder.forModel(withEos, chars, on.sequenceLimit()).encode(x).ids())
        .containsExactly(0, 1, 4, 2, 10);
    LoraJob.Settings off = fineTune("--append-eos", "false");
    assertThat(off.sequenceLimit()).isEqualTo(new SequenceLimit(0, false, false));
    assertThat(ExampleEncoder.forModel(withEos, chars, off.sequenceLimit()).encode(x).ids())
        .containsExactly(0, 1, 4, 2);
    assertThat(fineTune("--append-eos").sequenceLimit().appendEos()).isTrue();
  }

  @Test
  void evalBatchSizeIsZeroByDefaultAndReachesTheSettings() {
    assertThat(fineTune().evalBatchSize()).isZero();
    assertThat(fineTune("--eval-batch-size", "4", "--batch-size", "32").evalBatchSize())
        .isEqualTo(4);
  }

  @Test
  void recomputeIsOffByDefaultAndTakesTheFlagOrAValue() {
    assertThat(fineTune().recompute()).isFalse();
    assertThat(fineTune("--recompute").recompute()).isTrue();
    assertThat(fineTune("--recompute", "true").recompute()).isTrue();
    assertThat(fineTune("--recompute", "false").recompute()).isFalse();
    assertThat(fineTune("--recompute").withMaxSteps(5).recompute()).isTrue();
  }
}
