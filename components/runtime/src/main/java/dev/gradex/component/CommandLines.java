package dev.gradex.component;

import dev.gradex.core.InvalidInputException;
import dev.gradex.core.IoErrors;
import java.util.Optional;
import picocli.CommandLine;

/**
 * Builds picocli command lines with GradEx's error policy: bad input (an {@link
 * InvalidInputException}, an unreadable file, a full disk or an unwritable output: {@link
 * IoErrors}) prints one line naming what is wrong and exits with {@link #EXIT_BAD_INPUT}; a bug
 * prints its stack trace and exits with {@link #EXIT_FAILURE}.
 */
public final class CommandLines {
  /** Exit code for unusable input. Picocli uses the same code for bad flags. */
  public static final int EXIT_BAD_INPUT = 2;

  /** Exit code for an unexpected failure. */
  public static final int EXIT_FAILURE = 1;

  private CommandLines() {}

  /** A command line for {@code command} with the error policy installed. */
  public static CommandLine create(Object command) {
    CommandLine cl = new CommandLine(command);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler(
        (ex, line, parseResult) -> {
          Throwable cause = ex;
          if (cause instanceof InvalidInputException bad) {
            line.getErr().println("error: " + bad.getMessage());
            return EXIT_BAD_INPUT;
          }
          if (cause instanceof java.nio.file.NoSuchFileException nf) {
            line.getErr().println("error: no such file: " + nf.getFile());
            return EXIT_BAD_INPUT;
          }
          // a full disk, a read-only or unwritable output: the path and the OS's reason
          Optional<String> io = IoErrors.message(cause);
          if (io.isPresent()) {
            line.getErr().println("error: " + io.get());
            return EXIT_BAD_INPUT;
          }
          line.getErr().println("error: unexpected failure (a bug; please report it):");
          ex.printStackTrace(line.getErr());
          return EXIT_FAILURE;
        });
    return cl;
  }

  /** Runs {@code command} with {@code args} and returns its exit code. */
  public static int run(Object command, String... args) {
    return create(command).execute(args);
  }
}
