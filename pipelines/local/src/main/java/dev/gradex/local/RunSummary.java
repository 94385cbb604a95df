package dev.gradex.local;

import dev.gradex.component.stage.StageResult;
import dev.gradex.core.fidelity.FidelityReport;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a local run produced.
 *
 * @param out run directory
 * @param selected selected sources, best first
 * @param estimatedLoss fhat of the selection (linearised at theta*)
 * @param estimatedAllSources fhat of all sources
 * @param estimatedTargetOnly fhat of the target alone
 * @param validationLoss true target validation loss after the final fine-tune
 * @param testLoss target test loss after the final fine-tune
 * @param metaValidationLoss target validation loss of theta* (meta-training)
 * @param seconds the seconds each stage's work took: this run's wall time, or for a stage an
 *     earlier run of the directory completed (reused now) that run's figure
 * @param tracking one line on MLflow (what was logged, or why not)
 * @param measuredLoss f of the selection after the final fine-tune, in fhat's units (mean over
 *     target validation examples of log(1 + exp(-o(v))))
 * @param allSourcesTestLoss target test loss fine-tuned on all sources; NaN when not run
 * @param fidelity estimated against measured losses of the subsets fine-tuned for real
 * @param report the run's {@code report.html}
 * @param targetOnlyTestLoss target test loss fine-tuned on the target alone; NaN when not run
 * @param models the final model and the baselines fine-tuned beside it, with accuracy and macro-F1
 *     for a classification target
 * @param warnings the estimate's warnings (e.g. outside the first-order estimate's linear regime)
 * @param thisRunSeconds wall time per stage of this invocation (for a reused stage, its check)
 * @param selectMethod what chose {@code selected}: {@code gradex} (the estimate), or the baseline
 *     of {@code gradex run --select} ({@code random}, {@code less}, {@code representation}, {@code
 *     dsir}), whose selection has no estimate ({@code estimatedLoss} NaN)
 */
public record RunSummary(
    Path out,
    List<String> selected,
    double estimatedLoss,
    double estimatedAllSources,
    double estimatedTargetOnly,
    double validationLoss,
    double testLoss,
    double metaValidationLoss,
    Map<String, Double> seconds,
    String tracking,
    double measuredLoss,
    double allSourcesTestLoss,
    FidelityReport fidelity,
    Path report,
    double targetOnlyTestLoss,
    List<FineTuned> models,
    List<String> warnings,
    Map<String, Double> thisRunSeconds,
    String selectMethod)
    implements StageResult {
  /** The metric-name prefix of each fine-tuned model. */
  private static final Map<String, String> PREFIX =
      Map.of(
          FineTuned.SELECTION, "final_",
          FineTuned.ALL_SOURCES, "all_sources_",
          FineTuned.TARGET_ONLY, "target_only_");

  public RunSummary {
    models = List.copyOf(models);
    warnings = List.copyOf(warnings);
    thisRunSeconds = Map.copyOf(thisRunSeconds);
  }

  /** The final model fine-tuned on the selection. */
  public FineTuned selection() {
    return models.get(0);
  }

  /** The run's headline figures: fidelity, and estimated against measured losses (finite ones). */
  @Override
  public Map<String, Double> metrics() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("fidelity_subsets", (double) fidelity.n());
    m.put("fidelity_relative_rss", fidelity.relativeRss());
    m.put("fidelity_spearman", fidelity.spearman());
    m.put("fidelity_kendall_tau_b", fidelity.kendallTauB());
    m.put("estimated_loss_selected", estimatedLoss);
    m.put("measured_output_loss_selected", measuredLoss);
    m.put("final_test_loss", testLoss);
    m.put("all_sources_test_loss", allSourcesTestLoss);
    m.put("target_only_test_loss", targetOnlyTestLoss);
    for (FineTuned f : models) {
      String prefix = PREFIX.get(f.name());
      if (f.testAccuracy() != null) {
        m.put(prefix + "test_accuracy", f.testAccuracy());
        m.put(prefix + "test_macro_f1", f.testMacroF1());
      }
    }
    m.values().removeIf(v -> !Double.isFinite(v));
    return m;
  }

  /** {@code report.html}, {@code fidelity.json} and {@code fidelity.csv} of the run directory. */
  @Override
  public Map<String, Path> artifacts() {
    Map<String, Path> a = new LinkedHashMap<>();
    for (String file : List.of(RunReport.FILE, "fidelity.json", "fidelity.csv")) {
      a.put(file, out.resolve(file));
    }
    return a;
  }

  /** False: the report is written anew by every run. */
  @Override
  public boolean reused() {
    return false;
  }
}
