package dev.gradex.kfp.cli;

import dev.gradex.kfp.rest.KfpClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Base of the subcommands that act on one KFP object named by its id ({@code runs terminate ID},
 * {@code schedule enable ID}, ...): refuses a blank id, applies the call and prints {@code <noun>
 * <id> <done>}; errors go through {@link CliSupport#run}.
 */
abstract class ByIdCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin KfpConnection connection;

  @Parameters(
      index = "0",
      paramLabel = "ID",
      description = "Id of the run (runs) or recurring run (schedule) to act on.")
  String id;

  /** The parent command's name, for messages: {@code runs}, {@code schedule}. */
  abstract String group();

  /** What the id names, for the output: {@code run}, {@code recurring run}. */
  abstract String noun();

  abstract void apply(KfpClient client);

  /** The state the output reports after the call, e.g. {@code terminating}. */
  abstract String done();

  @Override
  public Integer call() {
    return CliSupport.run(
        group() + " " + spec.name(),
        spec.commandLine().getErr(),
        () -> {
          if (id.isBlank()) {
            throw new IllegalArgumentException("ID is empty");
          }
          apply(connection.client());
          spec.commandLine().getOut().println(noun() + " " + id + " " + done());
          return 0;
        });
  }
}
