package dev.gradex.kfp.cli;

import dev.gradex.kfp.gradex.GradexPipeline;
import dev.gradex.kfp.rest.KfpClient;
import dev.gradex.kfp.rest.KfpExperiment;
import dev.gradex.kfp.rest.KfpPipeline;
import dev.gradex.kfp.rest.RecurringRun;
import dev.gradex.kfp.rest.RecurringRunRequest;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gradex schedule}: periodic reselection as KFP recurring runs. */
@Command(
    name = "schedule",
    mixinStandardHelpOptions = true,
    description = {
      "Manages KFP recurring runs of the GradEx pipeline (periodic reselection).",
      "Cron expressions have six fields, seconds first: '0 30 2 * * *' is 02:30:00 daily."
    },
    subcommands = {
      ScheduleCommand.Create.class,
      ScheduleCommand.List.class,
      ScheduleCommand.Enable.class,
      ScheduleCommand.Disable.class,
      ScheduleCommand.Delete.class
    })
public final class ScheduleCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code schedule create}. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Creates a recurring run of the latest version of the pipeline.")
  static final class Create implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin KfpConnection connection;

    @Option(names = "--name", required = true, description = "Recurring run display name.")
    String name;

    @Option(
        names = "--cron",
        required = true,
        description = "Six-field cron, seconds first, e.g. '0 30 2 * * *'.")
    String cron;

    @Option(names = "--pipeline-name", description = "Pipeline (default: ${DEFAULT-VALUE}).")
    String pipelineName = GradexPipeline.NAME;

    @Option(names = "--experiment", description = "Experiment (default: ${DEFAULT-VALUE}).")
    String experiment = "gradex";

    @Option(
        names = "--max-concurrency",
        description = "Runs at once, 1-10 (default: ${DEFAULT-VALUE}).")
    int maxConcurrency = 1;

    @Option(names = "--catchup", description = "Start missed runs after downtime (default: no).")
    boolean catchup;

    @Option(names = "--disabled", description = "Create it disabled.")
    boolean disabled;

    @Option(names = "--param", description = "Pipeline parameter NAME=VALUE (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      return CliSupport.run(
          "schedule create",
          spec.commandLine().getErr(),
          () -> {
            RecurringRunRequest.Builder request =
                RecurringRunRequest.builder()
                    .setDisplayName(name)
                    .setCron(cron)
                    .optMaxConcurrency(maxConcurrency)
                    .optNoCatchup(!catchup)
                    .optEnabled(!disabled)
                    .optParameters(CliSupport.parameters(params));
            // Check the request (cron, ranges) before touching the server.
            request.setPipeline("unresolved", null).build();
            KfpClient client = connection.client();
            KfpPipeline pipeline =
                client
                    .findPipeline(pipelineName)
                    .orElseThrow(
                        () ->
                            new IllegalArgumentException(
                                "--pipeline-name '"
                                    + pipelineName
                                    + "' is not in KFP; upload it first with 'gradex submit --upload-only'"));
            KfpExperiment exp = client.ensureExperiment(experiment);
            RecurringRun created =
                client
                    .recurringRuns()
                    .create(
                        request
                            .setPipeline(pipeline.pipelineId(), null)
                            .optExperimentId(exp.experimentId())
                            .build());
            out.println(
                "recurring run "
                    + created.recurringRunId()
                    + " '"
                    + created.displayName()
                    + "' "
                    + created.status()
                    + " cron '"
                    + created.cron()
                    + "'");
            return 0;
          });
    }
  }

  /** {@code schedule list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists recurring runs.")
  static final class List implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin KfpConnection connection;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      return CliSupport.run(
          "schedule list",
          spec.commandLine().getErr(),
          () -> {
            for (RecurringRun r : connection.client().recurringRuns().list(null)) {
              out.printf(
                  "%s\t%s\t%s\t%s%n", r.recurringRunId(), r.status(), r.cron(), r.displayName());
            }
            return 0;
          });
    }
  }

  /** Base of the subcommands that act on one recurring run by id. */
  abstract static class ById extends ByIdCommand {
    @Override
    String group() {
      return "schedule";
    }

    @Override
    String noun() {
      return "recurring run";
    }
  }

  /** {@code schedule enable ID}. */
  @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enables one.")
  static final class Enable extends ById {
    @Override
    void apply(KfpClient client) {
      client.recurringRuns().enable(id);
    }

    @Override
    String done() {
      return "enabled";
    }
  }

  /** {@code schedule disable ID}. */
  @Command(name = "disable", mixinStandardHelpOptions = true, description = "Disables one.")
  static final class Disable extends ById {
    @Override
    void apply(KfpClient client) {
      client.recurringRuns().disable(id);
    }

    @Override
    String done() {
      return "disabled";
    }
  }

  /** {@code schedule delete ID}. */
  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Deletes one.")
  static final class Delete extends ById {
    @Override
    void apply(KfpClient client) {
      client.recurringRuns().delete(id);
    }

    @Override
    String done() {
      return "deleted";
    }
  }
}
