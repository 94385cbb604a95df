package dev.gradex.model.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.function.BinaryOperator;

/**
 * Arithmetic of a tensor with a Java number that is safe under autograd. DJL's own {@code
 * NDArray.mul(Number)}, {@code div(Number)} and {@code pow(Number)} on the PyTorch engine wrap the
 * number in a tensor over a Java direct buffer ({@code from_blob}) and close that wrapper right
 * after the operation; autograd has saved the number for the backward pass, and once the garbage
 * collector frees the buffer the backward pass reads whatever the memory holds by then. Measured:
 * with memory reused between forward and backward, the gradient of {@code x.mul(2.5f)} came out NaN
 * in 20 of 20 trials. This was the cause of the rare wrong gradients in training and extraction (a
 * step with gradient norm 0, or a few percent off, while its loss was right).
 *
 * <p>Here the number is materialised by libtorch ({@code full}), so the saved copy owns its memory.
 * Model code never uses DJL's {@code Number} overloads of operations that autograd records; {@code
 * GradientsSurviveMemoryReuseTest} checks every architecture's gradients under memory reuse.
 */
public final class Scalars {
  private Scalars() {}

  /** {@code x * s}. */
  public static NDArray mul(NDArray x, double s) {
    return apply(x, s, NDArray::mul);
  }

  /** {@code x / s}. */
  public static NDArray div(NDArray x, double s) {
    return apply(x, s, NDArray::div);
  }

  /** {@code x ^ e}. */
  public static NDArray pow(NDArray x, double e) {
    return apply(x, e, NDArray::pow);
  }

  /** {@code x + s}. */
  public static NDArray add(NDArray x, double s) {
    return apply(x, s, NDArray::add);
  }

  private static NDArray apply(NDArray x, double v, BinaryOperator<NDArray> op) {
    try (NDArray c = of(x, v)) {
      return op.apply(x, c);
    }
  }

  /**
   * A 0-dimensional tensor of {@code x}'s type and device holding {@code v}, in libtorch memory.
   */
  public static NDArray of(NDArray x, double v) {
    return x.getManager().full(new Shape(), (float) v, x.getDataType());
  }
}
