package dev.gradex.model.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/**
 * Overwrites a tensor's values in place with a native copy into the tensor's own storage. DJL's
 * {@code NDArray.set(Buffer)} on the PyTorch engine instead points the tensor at a Java direct
 * buffer that lives only as long as that one Java wrapper, so a view or saved reference that
 * outlives the wrapper would read freed memory. ({@code set(Buffer)} was first suspected of the
 * rare wrong gradients; the confirmed cause was DJL's scalar arithmetic, see {@link Scalars}. A
 * re-check with memory reuse found {@code set(Buffer)} itself safe while its wrapper is open.)
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
