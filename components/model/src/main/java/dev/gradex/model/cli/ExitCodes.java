package dev.gradex.model.cli;

import dev.gradex.core.InvalidInputException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * How every {@code gradex model} command ends: its work writes to the command's output, which is
 * flushed; bad input is one {@code error:} line and {@link ModelCommand#EXIT_INVALID_INPUT}; any
 * other failure one line and picocli's software-error code.
 */
final class ExitCodes {
  /** A command's work, writing to its output. */
  interface Work {
    void run(PrintWriter out) throws Exception;
  }

  private ExitCodes() {}

  static int of(CommandSpec spec, Work work) {
    PrintWriter err = spec.commandLine().getErr();
    try {
      PrintWriter out = spec.commandLine().getOut();
      work.run(out);
      out.flush();
      return CommandLine.ExitCode.OK;
    } catch (InvalidInputException e) {
      err.println("error: " + e.getMessage());
      err.flush();
      return ModelCommand.EXIT_INVALID_INPUT;
    } catch (Exception e) {
      err.println("error: " + e);
      err.flush();
      return CommandLine.ExitCode.SOFTWARE;
    }
  }
}
