package dev.gradex.model.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code gradex model}: inspect and run a Hugging Face model directory. Exit codes: 0 success, 2
 * unusable input (the message names the file, tensor or option), 1 any other failure.
 */
@Command(
    name = "model",
    mixinStandardHelpOptions = true,
    description = "Inspect and run a language model (GPT-2, Llama family, BERT family).",
    subcommands = {
      InfoCommand.class,
      ForwardCommand.class,
      EvalCommand.class,
      ImportGgufCommand.class
    })
public final class ModelCommand implements Callable<Integer> {
  /** Exit code for input that cannot be used (bad file, tensor or option value). */
  public static final int EXIT_INVALID_INPUT = CommandLine.ExitCode.USAGE;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return CommandLine.ExitCode.USAGE;
  }
}
