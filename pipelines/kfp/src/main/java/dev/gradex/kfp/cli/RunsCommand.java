package dev.gradex.kfp.cli;

import dev.gradex.kfp.rest.KfpClient;
import dev.gradex.kfp.rest.KfpExperiment;
import dev.gradex.kfp.rest.KfpRun;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gradex runs}: lists runs, shows one, or follows one to completion; its subcommands
 * terminate, retry or delete one.
 */
@Command(
    name = "runs",
    mixinStandardHelpOptions = true,
    description = {
      "Lists recent KFP runs of an experiment, or shows one with --run-id.",
      "With --wait it follows the run until it finishes; exit code 0 only if it succeeded.",
      "'runs terminate|retry|delete RUN_ID' acts on one run."
    },
    subcommands = {RunsCommand.Terminate.class, RunsCommand.Retry.class, RunsCommand.Delete.class})
public final class RunsCommand implements Callable<Integer> {
  /** Most runs one listing reads (page by page). */
  static final int MAX_LIMIT = 1000;

  @Spec CommandSpec spec;
  @Mixin KfpConnection connection;

  @Option(names = "--experiment", description = "Experiment to list (default: ${DEFAULT-VALUE}).")
  String experiment = "gradex";

  @Option(names = "--limit", description = "Runs to list, 1-1000 (default: ${DEFAULT-VALUE}).")
  int limit = 20;

  @Option(names = "--run-id", description = "Show this run instead of listing.")
  String runId;

  @Option(names = "--wait", description = "With --run-id: follow the run until it finishes.")
  boolean await;

  @Option(names = "--poll-seconds", description = "Polling interval (default: ${DEFAULT-VALUE}).")
  int pollSeconds = 10;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    return CliSupport.run(
        "runs",
        spec.commandLine().getErr(),
        () -> {
          if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("--limit " + limit + " is outside 1-" + MAX_LIMIT);
          }
          if (pollSeconds < 1) {
            throw new IllegalArgumentException("--poll-seconds " + pollSeconds + " must be >= 1");
          }
          KfpClient client = connection.client();
          if (runId != null) {
            KfpRun run =
                await
                    ? client.waitForRun(
                        runId,
                        Duration.ofDays(7),
                        Duration.ofSeconds(pollSeconds),
                        r -> out.println("run " + r.runId() + ": " + r.state()))
                    : client.getRun(runId);
            print(out, run);
            return !await || run.succeeded() ? 0 : CliSupport.FAILED;
          }
          KfpExperiment exp =
              client
                  .findExperiment(experiment)
                  .orElseThrow(
                      () ->
                          new IllegalArgumentException(
                              "--experiment '" + experiment + "' does not exist"));
          for (KfpRun run : client.listRuns(exp.experimentId(), limit)) {
            print(out, run);
          }
          return 0;
        });
  }

  private static void print(PrintWriter out, KfpRun run) {
    out.printf("%s\t%s\t%s\t%s%n", run.runId(), run.state(), run.createdAt(), run.displayName());
  }

  /** Base of the subcommands that act on one run by id. */
  abstract static class ById extends ByIdCommand {
    @Override
    String group() {
      return "runs";
    }

    @Override
    String noun() {
      return "run";
    }
  }

  /** {@code runs terminate RUN_ID}. */
  @Command(
      name = "terminate",
      mixinStandardHelpOptions = true,
      description = "Terminates an active run (KFP stops its pods).")
  static final class Terminate extends ById {
    @Override
    void apply(KfpClient client) {
      client.terminateRun(id);
    }

    @Override
    String done() {
      return "terminating";
    }
  }

  /** {@code runs retry RUN_ID}. */
  @Command(
      name = "retry",
      mixinStandardHelpOptions = true,
      description = "Re-initiates a failed or terminated run.")
  static final class Retry extends ById {
    @Override
    void apply(KfpClient client) {
      client.retryRun(id);
    }

    @Override
    String done() {
      return "retried";
    }
  }

  /** {@code runs delete RUN_ID}. */
  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Deletes a run.")
  static final class Delete extends ById {
    @Override
    void apply(KfpClient client) {
      client.deleteRun(id);
    }

    @Override
    String done() {
      return "deleted";
    }
  }
}
