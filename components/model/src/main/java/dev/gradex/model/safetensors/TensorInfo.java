package dev.gradex.model.safetensors;

import java.util.Arrays;

/**
 * One header entry: a tensor's name, element type, shape and byte range relative to the start of
 * the data section.
 */
public record TensorInfo(String name, DType dtype, long[] shape, long begin, long end) {

  /** Number of elements (product of the shape; 1 for a scalar). */
  public long elementCount() {
    long n = 1;
    for (long d : shape) {
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  /** The shape as text, e.g. {@code [384, 1536]}. */
  public String shapeText() {
    return Arrays.toString(shape);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorInfo t
        && name.equals(t.name)
        && dtype == t.dtype
        && Arrays.equals(shape, t.shape)
        && begin == t.begin
        && end == t.end;
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return name + " " + dtype + shapeText();
  }
}
