package dev.gradex.model.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.gradex.model.tensor.Scalars;

/**
 * Scaled dot-product attention (Vaswani et al., "Attention Is All You Need", 2017) with an additive
 * mask, head reshaping and grouped-query key/value sharing (Ainslie et al., 2023).
 */
final class Attention {
  /** Added to masked scores; large enough that exp() underflows, small enough to avoid inf-inf. */
  static final float MASKED = -1e9f;

  private Attention() {}

  /** (B, T, heads * dim) to (B, heads, T, dim). */
  static NDArray splitHeads(NDArray x, int heads) {
    Shape s = x.getShape();
    return x.reshape(s.get(0), s.get(1), heads, s.get(2) / heads).transpose(0, 2, 1, 3);
  }

  /** (B, heads, T, dim) to (B, T, heads * dim). */
  static NDArray mergeHeads(NDArray x) {
    Shape s = x.getShape();
    return x.transpose(0, 2, 1, 3).reshape(s.get(0), s.get(2), s.get(1) * s.get(3));
  }

  /**
   * Repeats each key/value head {@code times} times (head i of the query uses kv head i / times).
   */
  static NDArray repeatKv(NDArray kv, int times) {
    return times == 1 ? kv : kv.repeat(1, times);
  }

  /** softmax(q k^T / sqrt(d) + bias) v for q, k, v of shape (B, heads, T, d). */
  static NDArray attend(NDArray q, NDArray k, NDArray v, NDArray bias) {
    double scale = 1.0 / Math.sqrt(q.getShape().get(3));
    NDArray scores = Scalars.mul(q.matMul(k.transpose(0, 1, 3, 2)), scale).add(bias);
    return scores.softmax(-1).matMul(v);
  }

  /**
   * The additive mask (B, 1, T, T) for an int64 attention mask (B, T): padded keys get {@link
   * #MASKED}, and so do future keys when {@code causal}.
   */
  static NDArray bias(NDArray attentionMask, boolean causal) {
    NDManager m = attentionMask.getManager();
    Shape s = attentionMask.getShape();
    long t = s.get(1);
    NDArray keep = attentionMask.toType(DataType.FLOAT32, false).reshape(s.get(0), 1, 1, t);
    NDArray bias = Scalars.mul(Scalars.add(keep.neg(), 1), MASKED);
    if (causal) {
      float[] c = new float[Math.toIntExact(t * t)];
      for (int i = 0; i < t; i++) {
        for (int j = i + 1; j < t; j++) {
          c[(int) (i * t + j)] = MASKED;
        }
      }
      bias =
          bias.add(m.create(c, new Shape(1, 1, t, t)).toDevice(attentionMask.getDevice(), false));
    }
    return bias;
  }

  /** Positions 0..T-1 as int64 (T). */
  static NDArray positions(NDArray tokenIds) {
    long t = tokenIds.getShape().get(1);
    return tokenIds.getManager().arange(0, t, 1, DataType.INT64, tokenIds.getDevice());
  }
}
