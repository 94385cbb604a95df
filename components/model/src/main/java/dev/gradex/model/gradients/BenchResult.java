package dev.gradex.model.gradients;

/**
 * Timings of {@link GradientBench}, all measured in one run on the same examples (seconds are
 * medians over repetitions).
 *
 * @param loraParams trainable (LoRA) parameters p
 * @param baseParams frozen base-model parameters
 * @param dim projected dimension d
 * @param batch examples per batch
 * @param seq tokens per example
 * @param batchedFwdBwdS one plain batched forward + backward (training objective)
 * @param extractS outputs and projected per-example gradients of the batch
 * @param extractProjectionS the part of {@code extractS} spent projecting (P^T g, all examples)
 * @param loopBs1S the research code's way: per example a batch-size-1 forward + backward and its
 *     own projection {@code g @ P}
 * @param loopBs1BatchedProjectionS the same loop, but the stacked gradients projected in one
 *     product (a stronger baseline than the research code)
 * @param loopResearchS the research code's loop as written: one batched forward, then per example a
 *     backward through the retained batch graph and its own projection
 * @param projectorSetupS one-off generation of the cached P blocks
 * @param trainTokensPerS tokens per second of full training steps (forward, backward, AdamW)
 * @param peakRssMb the process's peak resident set (VmHWM) after the run
 */
public record BenchResult(
    long loraParams,
    long baseParams,
    int dim,
    int batch,
    int seq,
    double batchedFwdBwdS,
    double extractS,
    double extractProjectionS,
    double loopBs1S,
    double loopBs1BatchedProjectionS,
    double loopResearchS,
    double projectorSetupS,
    double trainTokensPerS,
    double peakRssMb) {
  /** extract / batched forward+backward. */
  public double ratioVsBatched() {
    return extractS / batchedFwdBwdS;
  }

  /** research-code loop / extract. */
  public double speedupVsResearchLoop() {
    return loopResearchS / extractS;
  }

  /** batch-size-1 loop / extract. */
  public double speedupVsLoop() {
    return loopBs1S / extractS;
  }
}
