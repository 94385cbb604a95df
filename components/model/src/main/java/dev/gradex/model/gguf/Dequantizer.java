package dev.gradex.model.gguf;

import java.nio.ByteBuffer;

/**
 * Dequantises ggml blocks to float32, following the block layouts of the GGUF format: each
 * 32-element block of Q4_0/Q4_1/Q5_0/Q5_1/Q8_0 carries an f16 scale {@code d} (and an f16 minimum
 * {@code m} for the _1 types); each 256-element K-quant super-block carries f16 scales and 6-bit
 * (Q4_K, Q5_K) or 8-bit (Q6_K) sub-block scales. Values are {@code d * q} or {@code d * q + m}.
 */
final class Dequantizer {
  private Dequantizer() {}

  static float[] dequantize(GgmlType type, ByteBuffer in, int count) {
    float[] out = new float[count];
    int blocks = count / type.blockSize();
    for (int b = 0; b < blocks; b++) {
      int base = b * type.blockBytes();
      int o = b * type.blockSize();
      switch (type) {
        case F32 -> out[o] = in.getFloat(base);
        case F16 -> out[o] = half(in.getShort(base));
        case BF16 -> out[o] = Float.intBitsToFloat((in.getShort(base) & 0xFFFF) << 16);
        case Q8_0 -> q8_0(in, base, out, o);
        case Q4_0 -> q4(in, base, out, o, false);
        case Q4_1 -> q4(in, base, out, o, true);
        case Q5_0 -> q5(in, base, out, o, false);
        case Q5_1 -> q5(in, base, out, o, true);
        case Q4_K -> q4k(in, base, out, o);
        case Q5_K -> q5k(in, base, out, o);
        case Q6_K -> q6k(in, base, out, o);
        default -> throw new IllegalArgumentException("no dequantiser for " + type);
      }
    }
    return out;
  }

  /** d (f16), then 32 signed bytes. */
  private static void q8_0(ByteBuffer in, int base, float[] out, int o) {
    float d = half(in.getShort(base));
    for (int j = 0; j < 32; j++) {
      out[o + j] = d * in.get(base + 2 + j);
    }
  }

  /**
   * d (f16)[, m (f16)], then 16 bytes: the low nibbles are elements 0..15, the high ones 16..31;
   * without m the nibble is offset by -8.
   */
  private static void q4(ByteBuffer in, int base, float[] out, int o, boolean withMin) {
    float d = half(in.getShort(base));
    float m = withMin ? half(in.getShort(base + 2)) : 0f;
    int qs = base + (withMin ? 4 : 2);
    int offset = withMin ? 0 : -8;
    for (int j = 0; j < 16; j++) {
      int q = in.get(qs + j) & 0xFF;
      out[o + j] = ((q & 0x0F) + offset) * d + m;
      out[o + j + 16] = ((q >> 4) + offset) * d + m;
    }
  }

  /**
   * d (f16)[, m (f16)], a 32-bit word of fifth bits (bit j for element j), then 16 bytes of low
   * nibbles as in Q4; without m the 5-bit value is offset by -16.
   */
  private static void q5(ByteBuffer in, int base, float[] out, int o, boolean withMin) {
    float d = half(in.getShort(base));
    float m = withMin ? half(in.getShort(base + 2)) : 0f;
    int p = base + (withMin ? 4 : 2);
    int qh = in.getInt(p);
    int qs = p + 4;
    int offset = withMin ? 0 : -16;
    for (int j = 0; j < 16; j++) {
      int q = in.get(qs + j) & 0xFF;
      int lo = (q & 0x0F) | (((qh >>> j) & 1) << 4);
      int hi = (q >> 4) | (((qh >>> (j + 16)) & 1) << 4);
      out[o + j] = (lo + offset) * d + m;
      out[o + j + 16] = (hi + offset) * d + m;
    }
  }

  /**
   * The 6-bit scale and minimum of sub-block {@code j} (0..7) of a Q4_K/Q5_K super-block, packed in
   * 12 bytes: sub-blocks 0..3 in the low 6 bits of bytes j and j+4; 4..7 in the nibbles of bytes
   * j+4 with their top two bits in the high bits of bytes j-4 and j.
   */
  static int[] scaleMin(ByteBuffer in, int scales, int j) {
    int sc;
    int mn;
    if (j < 4) {
      sc = in.get(scales + j) & 63;
      mn = in.get(scales + j + 4) & 63;
    } else {
      int b = in.get(scales + j + 4) & 0xFF;
      sc = (b & 0x0F) | (((in.get(scales + j - 4) & 0xFF) >> 6) << 4);
      mn = (b >> 4) | (((in.get(scales + j) & 0xFF) >> 6) << 4);
    }
    return new int[] {sc, mn};
  }

  /**
   * d, dmin (f16), 12 bytes of scales, 128 bytes of nibbles: each 64 elements use 32 bytes, low
   * nibbles for the first 32 (sub-block 2i), high nibbles for the next 32 (sub-block 2i+1); value =
   * d * scale * q - dmin * min.
   */
  private static void q4k(ByteBuffer in, int base, float[] out, int o) {
    float d = half(in.getShort(base));
    float dmin = half(in.getShort(base + 2));
    int scales = base + 4;
    int qs = base + 16;
    for (int chunk = 0; chunk < 4; chunk++) {
      int[] a = scaleMin(in, scales, 2 * chunk);
      int[] b = scaleMin(in, scales, 2 * chunk + 1);
      for (int l = 0; l < 32; l++) {
        int q = in.get(qs + 32 * chunk + l) & 0xFF;
        out[o + 64 * chunk + l] = d * a[0] * (q & 0x0F) - dmin * a[1];
        out[o + 64 * chunk + 32 + l] = d * b[0] * (q >> 4) - dmin * b[1];
      }
    }
  }

  /**
   * As Q4_K with 32 bytes of fifth bits after the scales: for chunk c, element l of the low half
   * takes bit 2c of byte l, the high half bit 2c+1.
   */
  private static void q5k(ByteBuffer in, int base, float[] out, int o) {
    float d = half(in.getShort(base));
    float dmin = half(in.getShort(base + 2));
    int scales = base + 4;
    int qh = base + 16;
    int qs = base + 48;
    for (int chunk = 0; chunk < 4; chunk++) {
      int[] a = scaleMin(in, scales, 2 * chunk);
      int[] b = scaleMin(in, scales, 2 * chunk + 1);
      for (int l = 0; l < 32; l++) {
        int q = in.get(qs + 32 * chunk + l) & 0xFF;
        int h = in.get(qh + l) & 0xFF;
        int lo = (q & 0x0F) | (((h >> (2 * chunk)) & 1) << 4);
        int hi = (q >> 4) | (((h >> (2 * chunk + 1)) & 1) << 4);
        out[o + 64 * chunk + l] = d * a[0] * lo - dmin * a[1];
        out[o + 64 * chunk + 32 + l] = d * b[0] * hi - dmin * b[1];
      }
    }
  }

  /**
   * 128 bytes of low nibbles, 64 bytes of 2-bit high parts, 16 signed 8-bit scales (one per 16
   * elements), then d (f16). Each half of 128 elements uses 64 low-nibble bytes and 32 high bytes:
   * element l + 32k (k = 0..3) takes a nibble of byte l or l+32 and bits 2k..2k+1 of high byte l;
   * value = d * scale * (q - 32).
   */
  private static void q6k(ByteBuffer in, int base, float[] out, int o) {
    float d = half(in.getShort(base + 208));
    for (int half = 0; half < 2; half++) {
      int ql = base + 64 * half;
      int qh = base + 128 + 32 * half;
      int sc = base + 192 + 8 * half;
      int y = o + 128 * half;
      for (int l = 0; l < 32; l++) {
        int is = l / 16;
        int h = in.get(qh + l) & 0xFF;
        int a = in.get(ql + l) & 0xFF;
        int b = in.get(ql + l + 32) & 0xFF;
        int q1 = ((a & 0x0F) | ((h & 3) << 4)) - 32;
        int q2 = ((b & 0x0F) | (((h >> 2) & 3) << 4)) - 32;
        int q3 = ((a >> 4) | (((h >> 4) & 3) << 4)) - 32;
        int q4 = ((b >> 4) | (((h >> 6) & 3) << 4)) - 32;
        out[y + l] = d * in.get(sc + is) * q1;
        out[y + l + 32] = d * in.get(sc + is + 2) * q2;
        out[y + l + 64] = d * in.get(sc + is + 4) * q3;
        out[y + l + 96] = d * in.get(sc + is + 6) * q4;
      }
    }
  }

  /** IEEE 754 half precision to float. */
  static float half(short bits) {
    int h = bits & 0xFFFF;
    int sign = (h & 0x8000) << 16;
    int exp = (h >> 10) & 0x1F;
    int mant = h & 0x3FF;
    if (exp == 0) {
      float v = mant * 0x1p-24f; // subnormal (or zero)
      return sign == 0 ? v : -v;
    }
    if (exp == 31) {
      return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
    }
    return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
  }
}
