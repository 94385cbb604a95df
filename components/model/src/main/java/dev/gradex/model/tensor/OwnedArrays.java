package dev.gradex.model.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Tensors made from Java values that own their memory. DJL's {@code NDManager.create(float[])} on
 * the PyTorch engine wraps a Java direct buffer without copying ({@code from_blob}); only the Java
 * wrapper keeps that buffer alive, so any view or saved reference that outlives the wrapper reads
 * freed memory (checked: a transpose of such a tensor, read after the wrapper was closed, returned
 * garbage). Every long-lived or shared tensor built from Java values goes through here: the values
 * are copied once into libtorch-owned memory and the borrowed buffer is released at once.
 */
public final class OwnedArrays {
  private OwnedArrays() {}

  /** {@code values} (row-major) as a tensor of {@code shape} on {@code manager}. */
  public static NDArray of(NDManager manager, float[] values, Shape shape) {
    try (NDArray borrowed = manager.create(values, shape)) {
      return borrowed.duplicate();
    }
  }

  /** {@code values} (row-major) as an int64 tensor of {@code shape} on {@code manager}. */
  public static NDArray of(NDManager manager, long[] values, Shape shape) {
    try (NDArray borrowed = manager.create(values, shape)) {
      return borrowed.duplicate();
    }
  }
}
