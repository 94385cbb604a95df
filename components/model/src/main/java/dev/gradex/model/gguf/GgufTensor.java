package dev.gradex.model.gguf;

/**
 * One entry of a GGUF tensor index. {@code dims} are in ggml order, innermost first ({@code
 * dims[0]} is the row length), so the row-major shape is {@code dims} reversed; {@code offset} is
 * relative to the start of the aligned data section.
 */
public record GgufTensor(String name, long[] dims, GgmlType type, long offset) {
  /** Number of elements. */
  public long elements() {
    long n = 1;
    for (long d : dims) {
      n *= d;
    }
    return n;
  }

  /** The row-major (Hugging Face / safetensors) shape: {@code dims} reversed. */
  public long[] shape() {
    long[] s = new long[dims.length];
    for (int i = 0; i < dims.length; i++) {
      s[i] = dims[dims.length - 1 - i];
    }
    return s;
  }

  /** Bytes of the tensor's data. */
  public long bytes() {
    return type.bytesFor(elements());
  }
}
