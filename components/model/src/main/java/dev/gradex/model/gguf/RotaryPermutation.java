package dev.gradex.model.gguf;

/**
 * llama.cpp's converter reorders the rows of each q and k projection for its rotary kernel: per
 * head of {@code headDim} rows, Hugging Face row {@code j * headDim/2 + i} (half j, pair i) becomes
 * GGUF row {@code 2i + j} (numpy: {@code w.reshape(heads, 2, hd/2, in).swapaxes(1, 2)}). {@link
 * #toHf} undoes it; {@link #toGguf} applies it (for tests and round trips). k uses the KV heads.
 */
public final class RotaryPermutation {
  private RotaryPermutation() {}

  /** GGUF row order to Hugging Face row order, for a (heads * headDim, cols) matrix. */
  public static float[] toHf(float[] w, int heads, int cols) {
    return permute(w, heads, cols, true);
  }

  /** Hugging Face row order to GGUF row order. */
  public static float[] toGguf(float[] w, int heads, int cols) {
    return permute(w, heads, cols, false);
  }

  private static float[] permute(float[] w, int heads, int cols, boolean inverse) {
    int rows = w.length / cols;
    if (rows * cols != w.length || rows % heads != 0 || (rows / heads) % 2 != 0) {
      throw new IllegalArgumentException(
          rows + " rows cannot be split into " + heads + " heads of an even size");
    }
    int headDim = rows / heads;
    int half = headDim / 2;
    float[] out = new float[w.length];
    for (int h = 0; h < heads; h++) {
      for (int j = 0; j < 2; j++) {
        for (int i = 0; i < half; i++) {
          int hf = h * headDim + j * half + i;
          int gguf = h * headDim + 2 * i + j;
          int from = inverse ? gguf : hf;
          int to = inverse ? hf : gguf;
          System.arraycopy(w, from * cols, out, to * cols, cols);
        }
      }
    }
    return out;
  }
}
