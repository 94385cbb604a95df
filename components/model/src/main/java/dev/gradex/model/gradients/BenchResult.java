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
 * @param loopBs1S the loop the research code uses ({@code fast_estimate_compute_gradients.py}): one
 *     batched forward, then per example a backward of that example's output alone through the
 *     retained graph (a batch-size-1 gradient), the gradient flattened and projected on its own
 *     ({@code g @ P})
 * @param loopBs1ForwardS a stricter baseline than the research code: per example a batch-of-one
 *     forward and backward and its own projection
 * @param loopBs1ForwardBatchedProjectionS that loop with the stacked gradients projected in one
 *     product
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
    double loopBs1ForwardS,
    double loopBs1ForwardBatchedProjectionS,
    double projectorSetupS,
    double trainTokensPerS,
    double peakRssMb) {
  /** extract / batched forward+backward. */
  public double ratioVsBatched() {
    return extractS / batchedFwdBwdS;
  }

  /** the research code's batch-size-1 gradient loop / extract. */
  public double speedupVsLoop() {
    return loopBs1S / extractS;
  }

  /** batch-of-one forward+backward loop / extract. */
  public double speedupVsBs1ForwardLoop() {
    return loopBs1ForwardS / extractS;
  }
}
