package dev.gradex.cli;

import dev.gradex.component.ProgressReporter;
import dev.gradex.local.LocalPipeline;
import dev.gradex.local.RunConfig;
import dev.gradex.local.RunSummary;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code gradex run CONFIG.yaml}: the whole pipeline in one process on CPU. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs all four stages locally in one process on CPU.",
      "Meta-train, extract-gradients, estimate-subsets, fine-tune; each stage writes its own",
      "directory under the config's `out`",
      "and is skipped when already complete, so a rerun resumes. Logs to MLflow when",
      "MLFLOW_TRACKING_URI is set. See RunConfig's Javadoc or the README for the file format."
    })
public final class RunCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "CONFIG.yaml", description = "Run configuration.")
  Path config;

  @Override
  public Integer call() throws Exception {
    RunConfig c = RunConfig.read(config);
    try (ProgressReporter progress = new ProgressReporter(System.err, false)) {
      RunSummary s =
          new LocalPipeline(c, config, System.getenv(), new PipelineProgress(progress)).call();
      print(s);
    }
    return 0;
  }

  static void print(RunSummary s) {
    System.out.println("  selected sources:       " + String.join(" ", s.selected()));
    System.out.printf(
        "  estimated fhat:         %.4f selected, %.4f all sources, %.4f target only"
            + " (first-order estimate at theta*: logistic loss of the mean gold-token"
            + " logit-odds)%n",
        s.estimatedLoss(), s.estimatedAllSources(), s.estimatedTargetOnly());
    System.out.printf(
        "  true target loss:       %.4f validation, %.4f test (token cross-entropy after"
            + " fine-tuning the base model on target + selection; theta* validation: %.4f)%n",
        s.validationLoss(), s.testLoss(), s.metaValidationLoss());
    System.out.println("  stage seconds:          " + s.seconds());
    System.out.println("  tracking:               " + s.tracking());
    System.out.println("  outputs:                " + s.out().toAbsolutePath());
  }
}
