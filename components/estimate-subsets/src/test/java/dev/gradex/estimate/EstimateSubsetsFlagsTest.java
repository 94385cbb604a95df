package dev.gradex.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.core.InvalidInputException;
import dev.gradex.core.estimate.EstimatorConfig;
import dev.gradex.core.synth.SyntheticProblem;
import dev.gradex.core.synth.SyntheticStores;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EstimateSubsetsFlagsTest {
  @Test
  void commandReportsTheCoresFieldErrorsUnderItsOwnFlags(@TempDir Path dir) {
    EstimateSubsetsCommand cmd = new EstimateSubsetsCommand();
    new CommandLine(cmd)
        .parseArgs(
            "--store",
            dir.resolve("store").toString(),
            "--out",
            dir.resolve("out").toString(),
            "--lambda",
            "0",
            "--max-iterations",
            "0",
            "--quiet");
    assertThatThrownBy(cmd::call)
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "--lambda, --max-iterations: --lambda must be > 0, got 0.0;"
                + " --max-iterations must be >= 1, got 0");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  /** A store of 4 source tasks: alpha 0.2 passes the option check but picks floor(0.8) = 0. */
  private static Path fourTaskStore(Path dir) {
    Path store = dir.resolve("store");
    SyntheticStores.write(
        SyntheticProblem.builder()
            .setSeed(3)
            .setDim(4)
            .setExamples(80)
            .setTasks(4)
            .setHelpful(1)
            .build(),
        store,
        n -> {});
    return store;
  }

  private static EstimateSubsetsCommand command(Path store, Path out, String... more) {
    EstimateSubsetsCommand cmd = new EstimateSubsetsCommand();
    String[] args = new String[more.length + 5];
    args[0] = "--store";
    args[1] = store.toString();
    args[2] = "--out";
    args[3] = out.toString();
    args[4] = "--quiet";
    System.arraycopy(more, 0, args, 5, more.length);
    new CommandLine(cmd).parseArgs(args);
    return cmd;
  }

  @Test
  void theSamplersAlphaErrorReachesTheUserAsTheAlphaFlag(@TempDir Path dir) {
    EstimateSubsetsCommand cmd =
        command(fourTaskStore(dir), dir.resolve("out"), "--alpha", "0.2", "--subsets", "5");
    assertThatThrownBy(cmd::call)
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "--alpha: 0.2 picks floor(0.2 x 4) = 0 of 4 tasks, so no subset holds a task: use at"
                + " least 0.250000");
    assertThat(dir.resolve("out").resolve("selection.json")).doesNotExist();
  }

  @Test
  void theSelectionRulesErrorReachesTheUserAsTheSelectFlag(@TempDir Path dir) {
    EstimateSubsetsCommand cmd =
        command(fourTaskStore(dir), dir.resolve("out"), "--subsets", "5", "--select", "top-k:7");
    assertThatThrownBy(cmd::call)
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("--select: \"top-k:7\" asks for 7 tasks but only 4 are ranked");
    assertThat(dir.resolve("out").resolve("manifest.json")).doesNotExist();
  }

  @Test
  void everyMappedFieldIsOneTheCoreNamesAndEveryFlagExists() {
    InvalidInputException core =
        new InvalidInputException("x", "y"); // renamed() on a real core error below
    assertThat(core.renamed(EstimateSubsetsFlags.BY_FIELD)).isSameAs(core);
    assertThatThrownBy(() -> EstimatorConfig.builder().optReferenceScale(2).build())
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(EstimateSubsetsFlags.rename(e))
                    .hasMessage("--reference-scale: --reference-scale must be in (0, 1], got 2.0"));
    CommandLine cl = new CommandLine(new EstimateSubsetsCommand());
    for (String flag : EstimateSubsetsFlags.BY_FIELD.values()) {
      assertThat(cl.getCommandSpec().findOption(flag)).as(flag).isNotNull();
    }
  }
}
