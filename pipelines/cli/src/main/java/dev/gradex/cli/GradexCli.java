package dev.gradex.cli;

import dev.gradex.cli.bench.BenchCommand;
import dev.gradex.cli.problem.ProblemCommand;
import dev.gradex.component.CommandLines;
import dev.gradex.core.Version;
import dev.gradex.estimate.EstimateSubsetsCommand;
import dev.gradex.extract.ExtractGradientsCommand;
import dev.gradex.extract.MergeStoreCommand;
import dev.gradex.finetune.FineTuneCommand;
import dev.gradex.finetune.PromoteCommand;
import dev.gradex.kfp.cli.CompilePipelineCommand;
import dev.gradex.kfp.cli.RunsCommand;
import dev.gradex.kfp.cli.ScheduleCommand;
import dev.gradex.kfp.cli.SubmitCommand;
import dev.gradex.metatrain.MetaTrainCommand;
import dev.gradex.model.cli.ModelCommand;
import dev.gradex.tracking.cli.TrackingCommand;
import dev.gradex.watch.WatchCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/**
 * The {@code gradex} root command. Every component's main ({@code *Main}) is also reachable here
 * under its command's name, with the same picocli command class and so the same options: {@code
 * gradex meta-train}, {@code extract-gradients}, {@code merge-store}, {@code estimate-subsets},
 * {@code fine-tune}, {@code promote}, {@code watch}. {@code gradex select} runs a similarity
 * baseline on a finished run.
 */
@Command(
    name = "gradex",
    mixinStandardHelpOptions = true,
    versionProvider = GradexCli.VersionProvider.class,
    description = {
      "GradEx: choose which data sources to fine-tune a language model on, by estimating the",
      "fine-tuned target loss of thousands of source subsets from one gradient pass."
    },
    subcommands = {
      DemoCommand.class,
      RunCommand.class,
      SelectCommand.class,
      MetaTrainCommand.class,
      ExtractGradientsCommand.class,
      EstimateSubsetsCommand.class,
      FineTuneCommand.class,
      SynthStoreCommand.class,
      MergeStoreCommand.class,
      ModelCommand.class,
      CompilePipelineCommand.class,
      SubmitCommand.class,
      ScheduleCommand.class,
      RunsCommand.class,
      TrackingCommand.class,
      WatchCommand.class,
      PromoteCommand.class,
      BenchCommand.class,
      ProblemCommand.class,
    })
public final class GradexCli implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(CommandLines.run(new GradexCli(), args));
  }

  /** Prints the code version recorded in manifests. */
  static final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"gradex " + Version.get()};
    }
  }
}
