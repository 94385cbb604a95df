package dev.gradex.component.settings.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class CatalogOptionsTest {
  /** estimate-subsets' catalog flags, declared without defaults or help. */
  @Command(name = "estimate-subsets", modelTransformer = CatalogOptions.class)
  static final class Estimate {
    @Option(names = "--seed")
    long seed = 99;

    @Option(names = "--subsets")
    int subsets;

    @Option(names = "--alpha")
    double alpha;

    @Option(names = "--mode")
    String mode;

    @Option(names = "--lambda")
    double lambda;

    @Option(names = "--norm-cap")
    Double normCap;

    @Option(names = "--select")
    String select;

    @Option(names = "--scoring")
    String scoring;

    @Option(names = "--tolerance", description = "Not a catalog setting.")
    double tolerance = 1e-6;
  }

  @Test
  void catalogOptionsTakeTheCatalogsDefaultAndHelpOverTheFieldsValue() {
    Estimate e = new Estimate();
    CommandLine cl = new CommandLine(e);
    cl.parseArgs("--alpha", "0.25");
    assertThat(e.seed).isZero();
    assertThat(e.subsets).isEqualTo(1000);
    assertThat(e.alpha).isEqualTo(0.25);
    assertThat(e.select).isEqualTo("best-prefix");
    assertThat(e.normCap).as("a soft default stays unset").isNull();
    assertThat(e.tolerance).isEqualTo(1e-6);
    assertThat(cl.getUsageMessage())
        .contains("--subsets=<subsets>")
        .contains("Number m of random subsets")
        .contains("(default: 0.5).")
        .contains("--norm-cap=<normCap>")
        .contains("Not a catalog setting.");
  }

  @Command(name = "estimate-subsets", modelTransformer = CatalogOptions.class)
  static final class MissingFlags {
    @Option(names = "--subsets")
    int subsets;
  }

  @Command(name = "no-such-component", modelTransformer = CatalogOptions.class)
  static final class Unknown {}

  @Test
  void theHelpIsTheCatalogsSentenceWithTheDefault() {
    assertThat(CatalogOptions.help(dev.gradex.component.settings.Settings.TRAIN_BATCH_SIZE))
        .isEqualTo("Examples per optimizer step (default: 16).");
  }

  @Test
  void aCommandWithoutOneOfItsCatalogFlagsCannotBeBuilt() {
    assertThatThrownBy(() -> new CommandLine(new MissingFlags()))
        .hasMessage(
            "estimate-subsets declares no option for --seed (seed), --alpha (estimate.alpha),"
                + " --mode (estimate.mode), --lambda (estimate.lambda), --norm-cap"
                + " (estimate.normCap), --select (estimate.select), --scoring (estimate.scoring)");
    assertThatThrownBy(() -> new CommandLine(new Unknown()))
        .hasMessage("CatalogOptions on command 'no-such-component', which is no catalog component");
  }
}
