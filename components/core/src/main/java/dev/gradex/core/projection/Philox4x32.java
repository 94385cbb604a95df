package dev.gradex.core.projection;

/**
 * The Philox4x32-10 counter-based generator of Salmon, Moraes, Dror and Shaw, "Parallel random
 * numbers: as easy as 1, 2, 3" (SC'11), bit-compatible with Random123's {@code philox4x32_R(10,
 * ...)}. A pure function of (counter, key): that is what lets every shard regenerate the same
 * projection matrix without coordination (Li et al., arXiv 2409.19458, stage 2).
 */
public final class Philox4x32 {
  private static final long M0 = 0xD2511F53L;
  private static final long M1 = 0xCD9E8D57L;
  private static final int W0 = 0x9E3779B9;
  private static final int W1 = 0xBB67AE85;
  private static final int ROUNDS = 10;

  private Philox4x32() {}

  /**
   * Computes one 128-bit output block.
   *
   * @param counter four 32-bit counter words
   * @param key two 32-bit key words
   * @param out receives four 32-bit output words
   */
  public static void block(int[] counter, int[] key, int[] out) {
    if (counter.length != 4 || key.length != 2 || out.length < 4) {
      throw new IllegalArgumentException("counter needs 4 words, key 2, out at least 4");
    }
    block(counter[0], counter[1], counter[2], counter[3], key[0], key[1], out);
  }

  /** Allocation-free form of {@link #block(int[], int[], int[])}. */
  public static void block(int c0, int c1, int c2, int c3, int k0, int k1, int[] out) {
    for (int round = 0; round < ROUNDS; round++) {
      if (round > 0) {
        k0 += W0;
        k1 += W1;
      }
      long p0 = M0 * (c0 & 0xFFFFFFFFL);
      long p1 = M1 * (c2 & 0xFFFFFFFFL);
      int n0 = (int) (p1 >>> 32) ^ c1 ^ k0;
      int n1 = (int) p1;
      int n2 = (int) (p0 >>> 32) ^ c3 ^ k1;
      int n3 = (int) p0;
      c0 = n0;
      c1 = n1;
      c2 = n2;
      c3 = n3;
    }
    out[0] = c0;
    out[1] = c1;
    out[2] = c2;
    out[3] = c3;
  }
}
