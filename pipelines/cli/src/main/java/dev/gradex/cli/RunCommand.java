package dev.gradex.cli;

import dev.gradex.baselines.SelectionMethod;
import dev.gradex.cli.progress.PipelineProgress;
import dev.gradex.component.ProgressReporter;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Json;
import dev.gradex.core.fidelity.FidelityReport;
import dev.gradex.local.FineTuned;
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

  @Option(
      names = "--target-only-baseline",
      description =
          "Also fine-tune on the target alone (into fine-tune-target-only, or reusing the fidelity"
              + " check's target-only fine-tune when it has the same settings), to compare with"
              + " the selection.")
  boolean targetOnlyBaseline;

  @Option(
      names = "--select",
      paramLabel = "METHOD",
      description =
          "What chooses the final fine-tune's sources: gradex (the estimate; default), or a"
              + " baseline of the same size: random, less, representation, dsir (its selection in"
              + " select-METHOD, its fine-tune in fine-tune-METHOD). Not estimate-subsets' --select"
              + " RULE (run.yaml estimate.select).")
  String select = LocalPipeline.GRADEX_METHOD;

  @Override
  public Integer call() throws Exception {
    SelectionMethod method = selectMethod(select); // a bad name fails before anything runs
    RunConfig c = RunConfig.read(config);
    c.applyThreads(); // the engine reads them once, so before any stage starts it
    try (ProgressReporter progress = new ProgressReporter(System.err, false)) {
      RunSummary s =
          new LocalPipeline(c, config, System.getenv(), new PipelineProgress(progress))
              .optTruth(truth == null ? Map.of() : readTruth(truth))
              .optAllSourcesBaseline(allSourcesBaseline)
              .optTargetOnlyBaseline(targetOnlyBaseline)
              .optSelect(method)
              .call();
      print(s);
    }
    return 0;
  }

  /** null for {@code gradex}, else the baseline; an unknown name names --select and the choices. */
  static SelectionMethod selectMethod(String name) {
    if (name.strip().equalsIgnoreCase(LocalPipeline.GRADEX_METHOD)) {
      return null;
    }
    try {
      return SelectionMethod.parse("--select", name);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(
          "--select",
          "unknown method '" + name + "'; allowed: gradex, " + SelectionMethod.allowed());
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, List<String>> readTruth(Path file) {
    try {
      return Json.JSON.readValue(file.toFile(), Map.class);
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
    if (!LocalPipeline.GRADEX_METHOD.equals(s.selectMethod())) {
      System.out.println(
          "  selected by:            the " + s.selectMethod() + " baseline (--select)");
    }
    System.out.println(
        "  selected sources:       "
            + (s.selected().isEmpty()
                ? "none (the target's own data alone has the lowest estimate)"
                : String.join(" ", s.selected())));
  }

  /**
   * One fine-tuned model's test figures: the loss named for its objective, and accuracy and
   * macro-F1 for a classifier; says when it reused another run's training.
   */
  static String modelLine(FineTuned m) {
    String label = String.format("test, %s:", m.name());
    StringBuilder line =
        new StringBuilder(String.format("  %-23s %s %.4f", label, m.lossName(), m.testLoss()));
    if (m.classification()) {
      line.append(
          String.format(", accuracy %.4f, macro-F1 %.4f", m.testAccuracy(), m.testMacroF1()));
    }
    line.append(" (").append(m.dir());
    if (m.reused() != null) {
      line.append("; reused ").append(m.reused()).append(", not trained again");
    }
    return line.append(')').toString();
  }

  /** Estimated and measured losses, fidelity, timings, tracking and where the outputs are. */
  static void printResults(RunSummary s) {
    if (Double.isNaN(s.estimatedLoss())) {
      System.out.printf(
          "  target loss, selection: measured f %.4f (the %s baseline's selection has no"
              + " estimate fhat)%n",
          s.measuredLoss(), s.selectMethod());
    } else {
      System.out.printf(
          "  target loss, selection: estimated fhat %.4f, measured f %.4f (both the mean over"
              + " target validation examples of log(1 + exp(-o)), o the mean gold-token"
              + " logit-odds; fhat linearised at theta*, f after fine-tuning)%n",
          s.estimatedLoss(), s.measuredLoss());
    }
    System.out.printf(
        "  estimated fhat:         %.4f all sources, %.4f target only%n",
        s.estimatedAllSources(), s.estimatedTargetOnly());
    FineTuned sel = s.selection();
    System.out.printf(
        "  %s, selection: %.4f validation, %.4f test (after fine-tuning the base model on"
            + " target + selection; theta* validation: %.4f)%n",
        sel.lossName(), s.validationLoss(), s.testLoss(), s.metaValidationLoss());
    for (FineTuned m : s.models()) {
      System.out.println(modelLine(m));
    }
    FidelityReport f = s.fidelity();
    System.out.printf(
        "  fidelity:               %d subsets fine-tuned for real: Spearman %.3f, Kendall tau-b"
            + " %.3f, relative RSS %.5f (fidelity.json)%n",
        f.n(), f.spearman(), f.kendallTauB(), f.relativeRss());
    for (String w : s.warnings()) {
      System.out.println("  warning:                " + w);
    }
    System.out.println("  stage seconds:          " + s.seconds());
    System.out.println("  tracking:               " + s.tracking());
    System.out.println("  report:                 " + s.report().toAbsolutePath());
    System.out.println("  artifacts:              " + s.out().toAbsolutePath());
  }
}
