package dev.gradex.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.component.ProgressReporter;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.fidelity.FidelityReport;
import dev.gradex.local.LocalPipeline;
import dev.gradex.local.RunConfig;
import dev.gradex.local.RunSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
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

  @Option(
      names = "--truth",
      paramLabel = "FILE",
      description =
          "Planted roles when the truth is known (JSON: role -> source names, e.g. the demo's"
              + " data/truth.json); shown in report.html.")
  Path truth;

  @Option(
      names = "--all-sources-baseline",
      description =
          "Also fine-tune on the target and every source (into fine-tune-all-sources), to compare"
              + " with the selection.")
  boolean allSourcesBaseline;

  @Override
  public Integer call() throws Exception {
    RunConfig c = RunConfig.read(config);
    c.applyThreads(); // the engine reads them once, so before any stage starts it
    try (ProgressReporter progress = new ProgressReporter(System.err, false)) {
      RunSummary s =
          new LocalPipeline(c, config, System.getenv(), new PipelineProgress(progress))
              .optTruth(truth == null ? Map.of() : readTruth(truth))
              .optAllSourcesBaseline(allSourcesBaseline)
              .call();
      print(s);
    }
    return 0;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, List<String>> readTruth(Path file) {
    try {
      return new ObjectMapper().readValue(file.toFile(), Map.class);
    } catch (IOException e) {
      throw new InvalidInputException(
          file.toString(), "not a JSON map of role to source names: " + e.getMessage());
    }
  }

  static void print(RunSummary s) {
    printSelection(s);
    printResults(s);
  }

  static void printSelection(RunSummary s) {
    System.out.println(
        "  selected sources:       "
            + (s.selected().isEmpty()
                ? "none (the target's own data alone has the lowest estimate)"
                : String.join(" ", s.selected())));
  }

  /** Estimated and measured losses, fidelity, timings, tracking and where the outputs are. */
  static void printResults(RunSummary s) {
    System.out.printf(
        "  target loss, selection: estimated fhat %.4f, measured f %.4f (both the mean over"
            + " target validation examples of log(1 + exp(-o)), o the mean gold-token logit-odds;"
            + " fhat linearised at theta*, f after fine-tuning)%n",
        s.estimatedLoss(), s.measuredLoss());
    System.out.printf(
        "  estimated fhat:         %.4f all sources, %.4f target only%n",
        s.estimatedAllSources(), s.estimatedTargetOnly());
    System.out.printf(
        "  token loss, selection:  %.4f validation, %.4f test (cross-entropy after fine-tuning"
            + " the base model on target + selection; theta* validation: %.4f)%n",
        s.validationLoss(), s.testLoss(), s.metaValidationLoss());
    if (!Double.isNaN(s.allSourcesTestLoss())) {
      System.out.printf(
          "  test loss:              %.4f on target + selection vs %.4f on target + all sources%n",
          s.testLoss(), s.allSourcesTestLoss());
    }
    FidelityReport f = s.fidelity();
    System.out.printf(
        "  fidelity:               %d subsets fine-tuned for real: Spearman %.3f, Kendall tau-b"
            + " %.3f, relative RSS %.5f (fidelity.json)%n",
        f.n(), f.spearman(), f.kendallTauB(), f.relativeRss());
    System.out.println("  stage seconds:          " + s.seconds());
    System.out.println("  tracking:               " + s.tracking());
    System.out.println("  report:                 " + s.report().toAbsolutePath());
    System.out.println("  artifacts:              " + s.out().toAbsolutePath());
  }
}
