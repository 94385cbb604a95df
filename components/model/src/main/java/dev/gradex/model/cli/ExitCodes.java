package dev.gradex.model.cli;

import dev.gradex.core.InvalidInputException;
import dev.gradex.core.IoErrors;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * How every {@code gradex model} command ends: its work writes to the command's output, which is
 * flushed; bad input and user-fixable I/O failures (a full disk, {@link IoErrors}) are one {@code
 * error:} line and {@link ModelCommand#EXIT_INVALID_INPUT}; any other failure one line and
 * picocli's software-error code.
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
      Optional<String> io = IoErrors.message(e); // a full disk, an unwritable output
      if (io.isPresent()) {
        err.println("error: " + io.get());
        err.flush();
        return ModelCommand.EXIT_INVALID_INPUT;
      }
      err.println("error: " + e);
      err.flush();
      return CommandLine.ExitCode.SOFTWARE;
    }
  }
}
