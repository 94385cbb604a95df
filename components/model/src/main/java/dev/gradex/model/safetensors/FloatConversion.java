package dev.gradex.model.safetensors;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Decodes little-endian F32, F16 and BF16 bytes into {@code float}, and encodes F16/BF16. */
final class FloatConversion {
  private FloatConversion() {}

  static float[] decode(ByteBuffer bytes, DType dtype, int count) {
    ByteBuffer b = bytes.order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[count];
    switch (dtype) {
      case F32 -> b.asFloatBuffer().get(out);
      case BF16 -> {
        for (int i = 0; i < count; i++) {
          out[i] = Float.intBitsToFloat((b.getShort(2 * i) & 0xffff) << 16);
        }
      }
      case F16 -> {
        for (int i = 0; i < count; i++) {
          out[i] = halfToFloat(b.getShort(2 * i));
        }
      }
      default -> throw new IllegalArgumentException("not a float type: " + dtype);
    }
    return out;
  }

  /** IEEE 754 binary16 to binary32, including subnormals, infinities and NaN. */
  static float halfToFloat(short h) {
    int bits = h & 0xffff;
    int sign = (bits & 0x8000) << 16;
    int exp = (bits >>> 10) & 0x1f;
    int mant = bits & 0x3ff;
    if (exp == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
    }
    if (exp == 0) {
      float v = mant * 0x1p-24f;
      return sign == 0 ? v : -v;
    }
    return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
  }

  /** binary32 to binary16, round to nearest even (used for writing test fixtures). */
  static short floatToHalf(float f) {
    int bits = Float.floatToRawIntBits(f);
    int sign = (bits >>> 16) & 0x8000;
    int val = (bits & 0x7fffffff) + 0x1000;
    if (val >= 0x47800000) {
      if ((bits & 0x7fffffff) >= 0x47800000) {
        if (val < 0x7f800000) {
          return (short) (sign | 0x7c00);
        }
        return (short) (sign | 0x7c00 | ((bits & 0x007fffff) >>> 13));
      }
      return (short) (sign | 0x7bff);
    }
    if (val >= 0x38800000) {
      return (short) (sign | ((val - 0x38000000) >>> 13));
    }
    if (val < 0x33000000) {
      return (short) sign;
    }
    val = (bits & 0x7fffffff) >>> 23;
    return (short)
        (sign | ((((bits & 0x7fffff) | 0x800000) + (0x800000 >>> (val - 102))) >>> (126 - val)));
  }

  /** binary32 to bfloat16, round to nearest even. */
  static short floatToBf16(float f) {
    int bits = Float.floatToRawIntBits(f);
    if (Float.isNaN(f)) {
      return (short) ((bits >>> 16) | 0x40);
    }
    int rounding = 0x7fff + ((bits >>> 16) & 1);
    return (short) ((bits + rounding) >>> 16);
  }
}
