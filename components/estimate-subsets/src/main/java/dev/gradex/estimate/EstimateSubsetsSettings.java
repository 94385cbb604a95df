package dev.gradex.estimate;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gradex.core.estimate.EstimatorConfig;
import java.util.List;

/**
 * The settings that decide an estimate-subsets run's outputs (stages 3 and 4 of Li et al., arXiv
 * 2409.19458), in a fixed order: logged as the stage's {@code settings.*} parameters, recorded in
 * its manifest's inputs and hashed into its content key. Thread count, heap budget and paths are
 * deliberately not among them: they change how fast, not what.
 *
 * @param subsets subsets to sample (m)
 * @param alpha fraction of the candidates in each subset
 * @param seed sampling seed
 * @param mode the estimator's mode
 * @param estimator the configured estimator (before the store's adapter is filled in)
 * @param select the selection rule or stepwise search
 * @param scoring {@code ensemble} or {@code ridge}
 * @param exclude source tasks left out of the candidates
 * @param fastPathSample subsets on which the fast paths are compared with the exact solution
 * @param pseudoTasks pseudo-tasks to cluster the sources into (0 for the store's tasks)
 * @param sourceDigests the source data's digests as the orchestrator passed them
 * @param defaultNormCap the norm cap used when the estimator sets none; null (left out) for none
 */
public record EstimateSubsetsSettings(
    int subsets,
    double alpha,
    long seed,
    String mode,
    EstimatorConfig estimator,
    String select,
    String scoring,
    List<String> exclude,
    int fastPathSample,
    int pseudoTasks,
    String sourceDigests,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double defaultNormCap) {
  public EstimateSubsetsSettings {
    exclude = List.copyOf(exclude);
  }
}
