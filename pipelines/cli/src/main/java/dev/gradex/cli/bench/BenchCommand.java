package dev.gradex.cli.bench;

import dev.gradex.cli.bench.paper.PaperCommand;
import dev.gradex.model.cli.BenchGradientsCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gradex bench}: groups the benchmarks. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmarks that time real work and print figures as JSON.",
      "`gradex bench mutation` (mutation testing of the core) is run by the launcher script,"
          + " tests/bench/mutation.sh, since it needs the source tree and Maven."
    },
    subcommands = {
      BenchApproxCommand.class,
      BenchEstimateCommand.class,
      BenchEstimateMemoryCommand.class,
      BenchGradientsCommand.class,
      BenchLambdaCommand.class,
      BenchTrainCommand.class,
      PaperCommand.class
    })
public final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
