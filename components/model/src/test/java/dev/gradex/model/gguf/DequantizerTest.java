package dev.gradex.model.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each quant type dequantises a block packed here from chosen integer codes and scales (exact in
 * f16) to {@code d * q (+ m)} of those codes, read back through a GGUF file.
 */
class DequantizerTest {
  private static final short HALF = 0x3800; // 0.5
  private static final short QUARTER = 0x3400; // 0.25
  private static final short MINUS_1_5 = (short) 0xBE00; // -1.5

  @TempDir Path dir;

  private float[] read(GgmlType type, long elements, byte[] data) throws IOException {
    Path f =
        new GgufWriter()
            .tensor("t", type.id(), new long[] {elements}, data)
            .write(dir.resolve(type + ".gguf"));
    try (GgufFile g = GgufFile.open(f)) {
      GgufTensor t = g.tensor("t");
      assertThat(t.type()).isEqualTo(type);
      return g.floats(t);
    }
  }

  private static int code(int i, int range) {
    return (i * 7 + 3) % range;
  }

  @Test
  void f32F16AndBf16DecodeTheirBits() throws IOException {
    ByteBuffer f32 = GgufWriter.le(8).putFloat(1.25f).putFloat(-3e-7f);
    assertThat(read(GgmlType.F32, 2, f32.array())).containsExactly(1.25f, -3e-7f);
    ByteBuffer f16 = GgufWriter.le(10);
    for (int h : new int[] {0x3C00, 0xC000, 0x3800, 0x7BFF, 0x0001}) {
      f16.putShort((short) h);
    }
    assertThat(read(GgmlType.F16, 5, f16.array()))
        .containsExactly(1f, -2f, 0.5f, 65504f, (float) Math.pow(2, -24));
    ByteBuffer bf16 = GgufWriter.le(4).putShort((short) 0x3F80).putShort((short) 0xC040);
    assertThat(read(GgmlType.BF16, 2, bf16.array())).containsExactly(1f, -3f);
  }

  @Test
  void q8_0IsScaleTimesSignedByte() throws IOException {
    ByteBuffer b = GgufWriter.le(34).putShort(MINUS_1_5);
    float[] expected = new float[32];
    for (int i = 0; i < 32; i++) {
      int q = code(i, 256) - 128;
      b.put((byte) q);
      expected[i] = -1.5f * q;
    }
    assertThat(read(GgmlType.Q8_0, 32, b.array())).containsExactly(expected);
  }

  @Test
  void q4_0AndQ4_1PackLowNibblesFirst() throws IOException {
    for (boolean withMin : new boolean[] {false, true}) {
      ByteBuffer b = GgufWriter.le(withMin ? 20 : 18).putShort(HALF);
      if (withMin) {
        b.putShort(MINUS_1_5);
      }
      float[] expected = new float[32];
      for (int j = 0; j < 16; j++) {
        int lo = code(j, 16);
        int hi = code(j + 16, 16);
        b.put((byte) (lo | hi << 4));
        expected[j] = withMin ? 0.5f * lo - 1.5f : 0.5f * (lo - 8);
        expected[j + 16] = withMin ? 0.5f * hi - 1.5f : 0.5f * (hi - 8);
      }
      GgmlType type = withMin ? GgmlType.Q4_1 : GgmlType.Q4_0;
      assertThat(read(type, 32, b.array())).as(type.name()).containsExactly(expected);
    }
  }

  @Test
  void q5_0AndQ5_1TakeTheFifthBitFromTheHighWord() throws IOException {
    for (boolean withMin : new boolean[] {false, true}) {
      int[] q = new int[32];
      int qh = 0;
      for (int i = 0; i < 32; i++) {
        q[i] = code(i, 32);
        qh |= (q[i] >> 4) << i;
      }
      ByteBuffer b = GgufWriter.le(withMin ? 24 : 22).putShort(QUARTER);
      if (withMin) {
        b.putShort(HALF);
      }
      b.putInt(qh);
      float[] expected = new float[32];
      for (int j = 0; j < 16; j++) {
        b.put((byte) ((q[j] & 15) | (q[j + 16] & 15) << 4));
      }
      for (int i = 0; i < 32; i++) {
        expected[i] = withMin ? 0.25f * q[i] + 0.5f : 0.25f * (q[i] - 16);
      }
      GgmlType type = withMin ? GgmlType.Q5_1 : GgmlType.Q5_0;
      assertThat(read(type, 32, b.array())).as(type.name()).containsExactly(expected);
    }
  }

  /** The 12-byte packing of eight 6-bit scales and minimums of Q4_K/Q5_K. */
  private static byte[] packScales(int[] sc, int[] mn) {
    byte[] s = new byte[12];
    for (int j = 0; j < 4; j++) {
      s[j] = (byte) (sc[j] | (sc[j + 4] >> 4) << 6);
      s[j + 4] = (byte) (mn[j] | (mn[j + 4] >> 4) << 6);
      s[j + 8] = (byte) ((sc[j + 4] & 15) | (mn[j + 4] & 15) << 4);
    }
    return s;
  }

  private static final int[] SC = {1, 63, 17, 40, 5, 33, 62, 48};
  private static final int[] MN = {0, 9, 63, 21, 50, 2, 31, 16};

  @Test
  void q4_kUsesSixBitSubBlockScalesAndMinimums() throws IOException {
    ByteBuffer b = GgufWriter.le(144).putShort(HALF).putShort(QUARTER).put(packScales(SC, MN));
    int[] q = new int[256];
    for (int i = 0; i < 256; i++) {
      q[i] = code(i, 16);
    }
    for (int chunk = 0; chunk < 4; chunk++) {
      for (int l = 0; l < 32; l++) {
        b.put((byte) (q[64 * chunk + l] | q[64 * chunk + 32 + l] << 4));
      }
    }
    float[] expected = new float[256];
    for (int i = 0; i < 256; i++) {
      expected[i] = 0.5f * SC[i / 32] * q[i] - 0.25f * MN[i / 32];
    }
    assertThat(read(GgmlType.Q4_K, 256, b.array())).containsExactly(expected);
  }

  @Test
  void q5_kAddsAFifthBitPerSubBlockPair() throws IOException {
    int[] q = new int[256];
    byte[] qh = new byte[32];
    for (int i = 0; i < 256; i++) {
      q[i] = code(i, 32);
      int sub = i / 32; // bit sub of byte (i % 32)
      qh[i % 32] |= (byte) ((q[i] >> 4) << sub);
    }
    ByteBuffer b =
        GgufWriter.le(176).putShort(QUARTER).putShort(MINUS_1_5).put(packScales(SC, MN)).put(qh);
    for (int chunk = 0; chunk < 4; chunk++) {
      for (int l = 0; l < 32; l++) {
        b.put((byte) ((q[64 * chunk + l] & 15) | (q[64 * chunk + 32 + l] & 15) << 4));
      }
    }
    float[] expected = new float[256];
    for (int i = 0; i < 256; i++) {
      expected[i] = 0.25f * SC[i / 32] * q[i] + 1.5f * MN[i / 32];
    }
    assertThat(read(GgmlType.Q5_K, 256, b.array())).containsExactly(expected);
  }

  @Test
  void q6_kIsScaleTimesSixBitCodeMinus32() throws IOException {
    int[] q = new int[256];
    byte[] ql = new byte[128];
    byte[] qh = new byte[64];
    for (int i = 0; i < 256; i++) {
      q[i] = code(i, 64);
      int half = i / 128;
      int k = (i % 128) / 32; // which quarter of the half
      int l = i % 32;
      int lowByte = 64 * half + l + (k % 2) * 32;
      ql[lowByte] |= (byte) ((q[i] & 15) << (k / 2 * 4));
      qh[32 * half + l] |= (byte) ((q[i] >> 4) << (2 * k));
    }
    byte[] scales = {1, -2, 3, 127, -128, 5, 9, -7, 11, 0, -1, 64, 2, -3, 4, 100};
    ByteBuffer b = GgufWriter.le(210).put(ql).put(qh).put(scales).putShort(QUARTER);
    float[] expected = new float[256];
    for (int i = 0; i < 256; i++) {
      expected[i] = 0.25f * scales[i / 16] * (q[i] - 32);
    }
    assertThat(read(GgmlType.Q6_K, 256, b.array())).containsExactly(expected);
  }
}
