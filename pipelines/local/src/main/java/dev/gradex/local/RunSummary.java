package dev.gradex.local;

import dev.gradex.core.fidelity.FidelityReport;
import java.nio.file.Path;
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
 * @param seconds wall time per stage
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
    List<String> warnings) {
  public RunSummary {
    models = List.copyOf(models);
    warnings = List.copyOf(warnings);
  }

  /** The final model fine-tuned on the selection. */
  public FineTuned selection() {
    return models.get(0);
  }
}
