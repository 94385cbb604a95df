package dev.gradex.model.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import dev.gradex.model.ModelOutput;
import dev.gradex.model.data.Batch;
import dev.gradex.model.tensor.Scalars;

/**
 * Differentiable objectives over a model output and a {@link Batch}.
 *
 * <p>Stage 2 of Li, Zhang, Wang, Zhang, "Scalable Fine-tuning from Multiple Data Sources: A
 * First-Order Approximation Approach" (EMNLP Findings 2024, arXiv 2409.19458): the token output is
 * the gold token's logit-odds {@code u_t = z_y - logsumexp_{k != y} z_k = log(p / (1 - p))},
 * computed by masking the gold logit out of the log-sum-exp (never as {@code log(1 - p)}, which
 * rounds to -inf when p is near 1) and clamped to [-30, 30]; the example output o(z) is the mean of
 * u over the supervised slots.
 */
public final class Objectives {
  /** The clamp of the token logit-odds. */
  public static final float CLAMP = 30f;

  private Objectives() {}

  /** Logits per output slot, (B, S, V): a decoder's as they are, a classifier's as (B, 1, C). */
  public static NDArray slotLogits(ModelOutput out) {
    NDArray z = out.logits();
    return z.getShape().dimension() == 2 ? z.expandDims(1) : z;
  }

  /** The logits of the batch's supervised slots, (N, V), example by example. */
  public static NDArray supervisedLogits(ModelOutput out, Batch batch) {
    NDArray z = slotLogits(out);
    return z.reshape(-1, z.getShape().get(2)).get(new NDIndex("{}", batch.rows()));
  }

  /**
   * The clamped gold-token logit-odds u over the last axis of {@code logits} (..., V), one per gold
   * id in {@code targets} (...).
   */
  public static NDArray logitOdds(NDArray logits, NDArray targets) {
    int axis = logits.getShape().dimension() - 1;
    long v = logits.getShape().get(axis);
    NDArray idx = targets.expandDims(-1);
    NDArray gold = logits.gather(idx, axis).squeeze(-1);
    NDArray isGold = idx.eq(logits.getManager().arange(0, v, 1, DataType.INT64));
    NDArray masked = logits.sub(Scalars.mul(isGold.toType(DataType.FLOAT32, false), 1e30));
    NDArray m = masked.max(new int[] {axis}, true).stopGradient();
    NDArray lse = masked.sub(m).exp().sum(new int[] {axis}).log().add(m.squeeze(-1));
    return gold.sub(lse).clip(-CLAMP, CLAMP);
  }

  /** The example outputs o(z), (B): the mean of u over each example's supervised slots. */
  public static NDArray exampleOutputs(ModelOutput out, Batch batch) {
    NDArray u = logitOdds(supervisedLogits(out, batch), batch.rowTargets());
    return batch.rowMeans().matMul(u.expandDims(1)).squeeze(1);
  }

  /** Token cross-entropy -log p(gold) over the last axis of {@code logits}, one per target. */
  public static NDArray tokenLoss(NDArray logits, NDArray targets) {
    int axis = logits.getShape().dimension() - 1;
    return logits.logSoftmax(axis).gather(targets.expandDims(-1), axis).squeeze(-1).neg();
  }

  /** Sum of the token cross-entropy over the supervised slots of the batch (a scalar). */
  public static NDArray lossSum(ModelOutput out, Batch batch) {
    return tokenLoss(supervisedLogits(out, batch), batch.rowTargets()).sum();
  }

  /** Number of classifier predictions equal to the label (0 for decoders). */
  public static long correct(ModelOutput out, Batch batch) {
    NDArray z = out.logits();
    if (z.getShape().dimension() != 2) {
      return 0;
    }
    NDArray pred = z.argMax(1).toType(DataType.INT64, false);
    return pred.eq(batch.targets().squeeze(1)).toType(DataType.INT64, false).sum().getLong();
  }
}
