package dev.gradex.estimate;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.gradex.component.stage.StageResult;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What an estimate-subsets run produced (stages 3 and 4 of Li et al., arXiv 2409.19458): recorded
 * snake_case as its manifest's {@code results} and read back from there when the output is found
 * complete, so a reused run reports the same metrics as the one that wrote it.
 *
 * @param out the output directory (not recorded)
 * @param selected selected task names, best first
 * @param selectedLoss fhat of the selection
 * @param allSourcesLoss fhat of all candidate sources together
 * @param targetOnlyLoss fhat with no source (target data only)
 * @param reused true if complete, matching outputs already existed and nothing was computed (not
 *     recorded)
 * @param statistics how the estimator behaved over the subsets (from {@code subsets.csv})
 * @param sampling how the subsets were chosen ({@code selection.json}'s {@code sampling})
 * @param warnings the run's warnings ({@code selection.json}'s {@code warnings})
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EstimateSubsetsResult(
    @JsonIgnore Path out,
    List<String> selected,
    double selectedLoss,
    double allSourcesLoss,
    double targetOnlyLoss,
    @JsonIgnore boolean reused,
    EstimatorStatistics statistics,
    Sampling sampling,
    List<String> warnings)
    implements StageResult {
  public EstimateSubsetsResult {
    selected = selected == null ? List.of() : List.copyOf(selected);
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  /** A fresh run's result: its selection file and the statistics of its {@code subsets.csv}. */
  static EstimateSubsetsResult of(
      Path out, SelectionFile selection, EstimatorStatistics statistics) {
    SelectionFile.EstimatedLoss loss = selection.estimatedLoss();
    return new EstimateSubsetsResult(
        out,
        selection.selected(),
        loss.selected(),
        loss.allSources(),
        loss.targetOnly(),
        false,
        statistics,
        selection.sampling(),
        selection.warnings());
  }

  /** This recorded result as found complete in {@code out}: reused. */
  EstimateSubsetsResult found(Path out) {
    return new EstimateSubsetsResult(
        out,
        selected,
        selectedLoss,
        allSourcesLoss,
        targetOnlyLoss,
        true,
        statistics,
        sampling,
        warnings);
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
