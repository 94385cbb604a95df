package dev.gradex.model.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import dev.gradex.model.ModelOutput;
import dev.gradex.model.data.Batch;

/**
 * Differentiable objectives over a model output and a {@link Batch}.
 *
 * <p>Stage 2 of Li, Zhang, Wang, Zhang, "Scalable Fine-tuning from Multiple Data Sources: A
 * First-Order Approximation Approach" (EMNLP Findings 2024, arXiv 2409.19458): the token output is
 * the gold token's logit-odds {@code u_t = z_y - logsumexp_{k != y} z_k = log(p / (1 - p))},
 * computed from a log-sum-exp over the other tokens (never as {@code log(1 - p)}, which rounds to
 * -inf when p is near 1) and clamped to [-30, 30]; the example output o(z) is the mean of u over
 * the supervised slots.
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

  /**
   * The logits of the batch's supervised slots, (N, V), example by example: a decoder's hidden
   * states are gathered at those slots before the LM head, so only N rows are projected.
   */
  public static NDArray supervisedLogits(ModelOutput out, Batch batch) {
    return out.logitsAt(batch.rows());
  }

  /**
   * The clamped gold-token logit-odds u over the last axis of {@code logits} (..., V), one per gold
   * id in {@code targets} (...); V >= 2.
   *
   * <p>The log-sum-exp over the other tokens is shifted by their largest logit m (the top logit, or
   * the runner-up when the gold is the top, from a top-2), and the gold's own term is capped at
   * exp(0) = 1 before it is subtracted again, so the difference is of numbers of like size and
   * loses nothing when p is near 1; the gold logit is picked by a gather. No (rows, V) mask.
   */
  public static NDArray logitOdds(NDArray logits, NDArray targets) {
    int axis = logits.getShape().dimension() - 1;
    NDArray idx = targets.expandDims(-1);
    NDArray gold = logits.gather(idx, axis);
    NDArray m;
    // The detached alias shares the logits' storage: closed at once, it does not keep them alive.
    try (NDArray detached = logits.stopGradient()) {
      m = otherMax(detached, idx, axis);
    }
    NDArray shifted = logits.sub(m);
    // Exact for every other token (all <= m); the gold's capped term is taken out again below.
    NDArray capped = shifted.clip(-Float.MAX_VALUE, 0f);
    // Closing a handle frees nothing autograd saved; without gradients it frees the (rows, V).
    shifted.close();
    NDArray terms = capped.exp();
    capped.close();
    NDArray others = terms.sum(new int[] {axis}).sub(terms.gather(idx, axis).squeeze(-1));
    terms.close();
    NDArray lse = others.log().add(m.squeeze(-1));
    return gold.squeeze(-1).sub(lse).clip(-CLAMP, CLAMP);
  }

  /** The largest logit other than the gold one, (..., 1), from the top two of each row. */
  private static NDArray otherMax(NDArray logits, NDArray idx, int axis) {
    NDList top = logits.topK(2, axis);
    NDArray values = top.get(0);
    NDArray first = values.get(new NDIndex("..., 0:1"));
    NDArray second = values.get(new NDIndex("..., 1:2"));
    NDArray goldOnTop = top.get(1).get(new NDIndex("..., 0:1")).eq(idx);
    return NDArrays.where(goldOnTop, second, first);
  }

  /** The example outputs o(z), (B): the mean of u over each example's supervised slots. */
  public static NDArray exampleOutputs(ModelOutput out, Batch batch) {
    try (NDArray z = supervisedLogits(out, batch)) {
      return exampleOutputs(z, batch);
    }
  }

  /** The example outputs o(z), (B), from the batch's {@link #supervisedLogits} (N, V). */
  public static NDArray exampleOutputs(NDArray supervisedLogits, Batch batch) {
    NDArray u = logitOdds(supervisedLogits, batch.rowTargets());
    return batch.rowMeans().matMul(u.expandDims(1)).squeeze(1);
  }

  /** Token cross-entropy -log p(gold) over the last axis of {@code logits}, one per target. */
  public static NDArray tokenLoss(NDArray logits, NDArray targets) {
    int axis = logits.getShape().dimension() - 1;
    try (NDArray logp = logits.logSoftmax(axis)) {
      return logp.gather(targets.expandDims(-1), axis).squeeze(-1).neg();
    }
  }

  /** Sum of the token cross-entropy over the supervised slots of the batch (a scalar). */
  public static NDArray lossSum(ModelOutput out, Batch batch) {
    try (NDArray z = supervisedLogits(out, batch)) {
      return lossSum(z, batch);
    }
  }

  /** Sum of the token cross-entropy from the batch's {@link #supervisedLogits} (N, V). */
  public static NDArray lossSum(NDArray supervisedLogits, Batch batch) {
    return tokenLoss(supervisedLogits, batch.rowTargets()).sum();
  }

  /**
   * A batch's loss and example outputs without gradients.
   *
   * @param lossSum summed token cross-entropy over the supervised slots
   * @param outputs the example outputs o(z), one per example
   */
  public record Evaluation(double lossSum, float[] outputs) {}

  /**
   * {@link #lossSum} and {@link #exampleOutputs} of a forward pass run without gradients, the LM
   * head applied to at most {@code chunkRows} supervised rows at a time and each chunk's (rows, V)
   * tensors freed before the next, so that the vocabulary term of evaluation memory is bounded by
   * the chunk, not the batch.
   */
  public static Evaluation evaluate(ModelOutput out, Batch batch, int chunkRows) {
    long n = batch.rows().getShape().get(0);
    double loss = 0;
    NDList u = new NDList();
    for (long start = 0; start < n; start += chunkRows) {
      NDIndex part = new NDIndex("{}:{}", start, Math.min(n, start + chunkRows));
      NDArray targets = batch.rowTargets().get(part);
      try (NDArray z = out.logitsAt(batch.rows().get(part))) {
        loss += tokenLoss(z, targets).sum().getFloat();
        u.add(logitOdds(z, targets));
      }
    }
    NDArray all = NDArrays.concat(u, 0);
    float[] outputs = batch.rowMeans().matMul(all.expandDims(1)).squeeze(1).toFloatArray();
    return new Evaluation(loss, outputs);
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
