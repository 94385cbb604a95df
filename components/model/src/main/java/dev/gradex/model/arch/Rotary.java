package dev.gradex.model.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Rotary position embeddings (Su et al., "RoFormer", 2021) in Hugging Face's half-rotation layout:
 * {@code x * cos + rotate_half(x) * sin} with {@code rotate_half([x1, x2]) = [-x2, x1]} and the
 * frequencies {@code theta^(-2i/d)} repeated over both halves.
 */
final class Rotary {
  private Rotary() {}

  /** cos and sin tables of shape (1, 1, T, d) for positions 0..T-1. */
  static NDList tables(NDManager manager, long t, int dim, double[] invFreqs) {
    int half = dim / 2;
    float[] cos = new float[Math.toIntExact(t * dim)];
    float[] sin = new float[cos.length];
    for (int p = 0; p < t; p++) {
      for (int i = 0; i < half; i++) {
        // float32 like the reference implementation: inv_freq and the angle are fp32 values.
        float invFreq = (float) invFreqs[i];
        float angle = p * invFreq;
        float c = (float) Math.cos(angle);
        float s = (float) Math.sin(angle);
        cos[p * dim + i] = c;
        cos[p * dim + half + i] = c;
        sin[p * dim + i] = s;
        sin[p * dim + half + i] = s;
      }
    }
    Shape shape = new Shape(1, 1, t, dim);
    return new NDList(manager.create(cos, shape), manager.create(sin, shape));
  }

  /** Applies the rotation to x of shape (B, heads, T, d). */
  static NDArray apply(NDArray x, NDArray cos, NDArray sin) {
    long half = x.getShape().get(3) / 2;
    NDArray x1 = x.get(new NDIndex("..., :{}", half));
    NDArray x2 = x.get(new NDIndex("..., {}:", half));
    NDArray rotated = NDArrays.concat(new NDList(x2.neg(), x1), -1);
    return x.mul(cos).add(rotated.mul(sin));
  }
}
