package dev.gradex.estimate;

import java.nio.file.Path;
import java.util.List;

/**
 * What an estimate-subsets run produced.
 *
 * @param out the output directory
 * @param selected selected task names, best first
 * @param selectedLoss fhat of the selection
 * @param allSourcesLoss fhat of all candidate sources together
 * @param targetOnlyLoss fhat with no source (target data only)
 * @param reused true if complete, matching outputs already existed and nothing was computed
 */
public record EstimateSubsetsResult(
    Path out,
    List<String> selected,
    double selectedLoss,
    double allSourcesLoss,
    double targetOnlyLoss,
    boolean reused) {

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
        + "); outputs in "
        + out;
  }
}
