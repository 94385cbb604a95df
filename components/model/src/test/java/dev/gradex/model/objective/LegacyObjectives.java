package dev.gradex.model.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import dev.gradex.model.ModelOutput;
import dev.gradex.model.data.Batch;
import dev.gradex.model.tensor.Scalars;

/**
 * The objectives as they were before issue 17, kept as the reference the memory-lean ones must
 * equal: the full (B, T, V) logits, the supervised rows gathered from them, the gold logit masked
 * out of the log-sum-exp by an {@code eq(arange(V))} mask.
 */
final class LegacyObjectives {
  private LegacyObjectives() {}

  static NDArray supervisedLogits(ModelOutput out, Batch batch) {
    NDArray z = out.logits();
    z = z.getShape().dimension() == 2 ? z.expandDims(1) : z;
    return z.reshape(-1, z.getShape().get(2)).get(new NDIndex("{}", batch.rows()));
  }

  static NDArray logitOdds(NDArray logits, NDArray targets) {
    int axis = logits.getShape().dimension() - 1;
    long v = logits.getShape().get(axis);
    NDArray idx = targets.expandDims(-1);
    NDArray gold = logits.gather(idx, axis).squeeze(-1);
    NDArray isGold = idx.eq(logits.getManager().arange(0, v, 1, DataType.INT64));
    NDArray masked = logits.sub(Scalars.mul(isGold.toType(DataType.FLOAT32, false), 1e30));
    NDArray m = masked.max(new int[] {axis}, true).stopGradient();
    NDArray lse = masked.sub(m).exp().sum(new int[] {axis}).log().add(m.squeeze(-1));
    return gold.sub(lse).clip(-Objectives.CLAMP, Objectives.CLAMP);
  }

  static NDArray exampleOutputs(ModelOutput out, Batch batch) {
    NDArray u = logitOdds(supervisedLogits(out, batch), batch.rowTargets());
    return batch.rowMeans().matMul(u.expandDims(1)).squeeze(1);
  }

  static NDArray lossSum(ModelOutput out, Batch batch) {
    NDArray z = supervisedLogits(out, batch);
    return z.logSoftmax(1).gather(batch.rowTargets().expandDims(-1), 1).squeeze(-1).neg().sum();
  }
}
