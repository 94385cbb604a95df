package dev.gradex.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.core.InvalidInputException;
import dev.gradex.core.estimate.EstimatorConfig;
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
