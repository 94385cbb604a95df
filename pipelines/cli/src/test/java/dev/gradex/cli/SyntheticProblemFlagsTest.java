package dev.gradex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.cli.synth.SyntheticProblemFlags;
import dev.gradex.component.CommandLines;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The core names the synthetic problem's fields; the commands show the user their own flags. */
class SyntheticProblemFlagsTest {
  private static String[] run(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cl = CommandLines.create(new GradexCli());
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new String[] {Integer.toString(code), err.toString().strip()};
  }

  @Test
  void synthStoreNamesEveryBadSettingByItsFlagAndWritesNothing(@TempDir Path dir) {
    Path out = dir.resolve("store");
    String[] r =
        run(
            "synth-store",
            "--out",
            out.toString(),
            "--dim",
            "0",
            "--tasks",
            "4",
            "--examples",
            "3",
            "--helpful",
            "5",
            "--quiet");
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[1])
        .isEqualTo(
            "error: synthetic problem: --dim must be >= 1 (got 0);"
                + " --examples must be >= 1 and >= the number of tasks, 4 (got 3);"
                + " --helpful must be in [0, 4], the number of tasks (got 5)");
    assertThat(out).doesNotExist();
  }

  @Test
  void benchEstimateNamesAlphaByItsFlag() {
    String[] r =
        run(
            "bench",
            "estimate",
            "--examples",
            "40",
            "--tasks",
            "4",
            "--dim",
            "2",
            "--alpha",
            "0.2",
            "--subsets",
            "3");
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[1])
        .isEqualTo(
            "error: --alpha: 0.2 picks floor(0.2 x 4) = 0 of 4 tasks, so no subset holds a"
                + " task: use at least 0.250000");
  }

  @Test
  void everyMappedFlagExistsOnSynthStore() {
    CommandLine cl = new CommandLine(new SynthStoreCommand());
    for (String flag : SyntheticProblemFlags.BY_FIELD.values()) {
      assertThat(cl.getCommandSpec().findOption(flag)).as(flag).isNotNull();
    }
  }
}
