package dev.gradex.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/**
 * Overwrites a tensor's values in place with a native copy. DJL's {@code NDArray.set(Buffer)} on
 * the PyTorch engine was seen to leave the tensor reading freed memory later (garbage or NaN that
 * changes from run to run); copying from a temporary array through an index assignment writes into
 * the tensor's own storage instead.
 */
public final class ArrayCopy {
  private ArrayCopy() {}

  /** Writes {@code values} (row-major, same element count) into {@code target}. */
  public static void into(NDArray target, float[] values) {
    try (NDArray src = target.getManager().create(values, target.getShape())) {
      target.set(new NDIndex("..."), src);
    }
  }

  /** Sets every element of {@code target} to zero, whatever it held (NaN included). */
  public static void zero(NDArray target) {
    into(target, new float[Math.toIntExact(target.size())]);
  }
}
