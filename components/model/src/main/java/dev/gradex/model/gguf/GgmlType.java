package dev.gradex.model.gguf;

/**
 * The ggml tensor element types this reader knows, with their on-disk ids and block layouts: a
 * block of {@code blockSize} elements takes {@code blockBytes} bytes. Types not listed here (and
 * listed ones without a dequantiser) are refused by name.
 */
public enum GgmlType {
  F32(0, 1, 4, true),
  F16(1, 1, 2, true),
  Q4_0(2, 32, 18, true),
  Q4_1(3, 32, 20, true),
  Q5_0(6, 32, 22, true),
  Q5_1(7, 32, 24, true),
  Q8_0(8, 32, 34, true),
  Q8_1(9, 32, 36, false),
  Q2_K(10, 256, 84, false),
  Q3_K(11, 256, 110, false),
  Q4_K(12, 256, 144, true),
  Q5_K(13, 256, 176, true),
  Q6_K(14, 256, 210, true),
  Q8_K(15, 256, 292, false),
  BF16(30, 1, 2, true);

  private final int id;
  private final int blockSize;
  private final int blockBytes;
  private final boolean dequantisable;

  GgmlType(int id, int blockSize, int blockBytes, boolean dequantisable) {
    this.id = id;
    this.blockSize = blockSize;
    this.blockBytes = blockBytes;
    this.dequantisable = dequantisable;
  }

  /** The type with on-disk id {@code id}, or null if this reader does not know it. */
  public static GgmlType byId(int id) {
    for (GgmlType t : values()) {
      if (t.id == id) {
        return t;
      }
    }
    return null;
  }

  public int id() {
    return id;
  }

  /** Elements per block (1 for the plain float types). */
  public int blockSize() {
    return blockSize;
  }

  /** Bytes per block. */
  public int blockBytes() {
    return blockBytes;
  }

  /** Whether {@link Dequantizer} can turn this type into float32. */
  public boolean dequantisable() {
    return dequantisable;
  }

  /** Bytes taken by {@code elements} elements (a whole number of blocks). */
  public long bytesFor(long elements) {
    return elements / blockSize * blockBytes;
  }
}
