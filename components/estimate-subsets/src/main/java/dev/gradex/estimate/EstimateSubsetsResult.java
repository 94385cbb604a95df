package dev.gradex.estimate;

import dev.gradex.component.stage.StageResult;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What an estimate-subsets run produced.
 *
 * @param out the output directory
 * @param selected selected task names, best first
 * @param selectedLoss fhat of the selection
 * @param allSourcesLoss fhat of all candidate sources together
 * @param targetOnlyLoss fhat with no source (target data only)
 * @param reused true if complete, matching outputs already existed and nothing was computed
 * @param statistics how the estimator behaved over the subsets (read once from {@code subsets.csv})
 * @param sampling how the subsets were chosen ({@code selection.json}'s {@code sampling}); null for
 *     outputs written before it existed
 * @param warnings the run's warnings ({@code selection.json}'s {@code warnings})
 */
public record EstimateSubsetsResult(
    Path out,
    List<String> selected,
    double selectedLoss,
    double allSourcesLoss,
    double targetOnlyLoss,
    boolean reused,
    EstimatorStatistics statistics,
    Sampling sampling,
    List<String> warnings)
    implements StageResult {
  public EstimateSubsetsResult {
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  /**
   * The run's headline figures, the number of warnings and the estimator's {@link #statistics}, as
   * metrics for tracking and the KFP UI.
   */
  @Override
  public java.util.Map<String, Double> metrics() {
    java.util.Map<String, Double> m = new java.util.LinkedHashMap<>();
    m.put("selected_sources", (double) selected.size());
    m.put("estimated_loss_selected", selectedLoss);
    m.put("estimated_loss_all_sources", allSourcesLoss);
    m.put("estimated_loss_target_only", targetOnlyLoss);
    m.put("estimate_warnings", (double) warnings.size());
    m.putAll(statistics.metrics());
    return m;
  }

  /**
   * The output directory (selection, scores, subsets, report), logged as {@code estimate-subsets}.
   */
  @Override
  public java.util.Map<String, Path> artifacts() {
    return java.util.Map.of("estimate-subsets", out);
  }

  /** One line for the user. */
  public String summary() {
    return (reused ? "outputs already complete for these inputs; nothing to do. " : "")
        + "selected "
        + selected.size()
        + " source(s); estimated target loss "
        + String.format("%.5f", selectedLoss)
        + " (all sources "
        + String.format("%.5f", allSourcesLoss)
        + ", target only "
        + String.format("%.5f", targetOnlyLoss)
        + "); "
        + (sampling == null ? "" : sampling.text() + "; ")
        + "outputs in "
        + out
        + warnings.stream().map(w -> "\nwarning: " + w).collect(Collectors.joining());
  }
}
