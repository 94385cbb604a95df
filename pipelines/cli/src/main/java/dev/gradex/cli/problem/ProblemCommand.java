package dev.gradex.cli.problem;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gradex problem}: groups the problem builders. */
@Command(
    name = "problem",
    mixinStandardHelpOptions = true,
    description = "Builds a selection problem with known roles: data files, truth.json, run.yaml.",
    subcommands = {RealTextCommand.class})
public final class ProblemCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
