package dev.gradex.model.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RotaryPermutationTest {
  private static float[] rows(int n, int cols) {
    float[] w = new float[n * cols];
    for (int i = 0; i < w.length; i++) {
      w[i] = i;
    }
    return w;
  }

  @Test
  void ggufInterleavesTheTwoHalvesOfEachHead() {
    // heads=2, headDim=4, cols=1: HF rows [h0: a0 a1 b0 b1 | h1: ...] -> GGUF [a0 b0 a1 b1 | ...]
    assertThat(RotaryPermutation.toGguf(rows(8, 1), 2, 1)).containsExactly(0, 2, 1, 3, 4, 6, 5, 7);
    assertThat(RotaryPermutation.toHf(new float[] {0, 2, 1, 3, 4, 6, 5, 7}, 2, 1))
        .containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
  }

  @Test
  void matchesTheConvertersReshapeSwapaxes() {
    // numpy: w.reshape(heads, 2, hd/2, cols).swapaxes(1, 2).reshape(rows, cols)
    int heads = 3;
    int hd = 6;
    int cols = 2;
    float[] w = rows(heads * hd, cols);
    float[] gguf = RotaryPermutation.toGguf(w, heads, cols);
    for (int h = 0; h < heads; h++) {
      for (int i = 0; i < hd / 2; i++) {
        for (int j = 0; j < 2; j++) {
          for (int c = 0; c < cols; c++) {
            int dst = ((h * (hd / 2) + i) * 2 + j) * cols + c;
            int src = ((h * 2 + j) * (hd / 2) + i) * cols + c;
            assertThat(gguf[dst]).isEqualTo(w[src]);
          }
        }
      }
    }
  }

  @Test
  void toHfInvertsToGguf() {
    float[] w = rows(3 * 64, 5);
    assertThat(RotaryPermutation.toHf(RotaryPermutation.toGguf(w, 3, 5), 3, 5)).containsExactly(w);
    assertThat(RotaryPermutation.toGguf(w, 3, 5)).isNotEqualTo(w);
  }
}
