package dev.gradex.model.gguf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes small GGUF files for tests: typed metadata, then tensors with raw block bytes. */
final class GgufWriter {
  private final ByteArrayOutputStream kv = new ByteArrayOutputStream();
  private int kvCount;
  private final List<Object[]> tensors = new ArrayList<>();
  private int version = 3;
  private int magic = GgufFile.MAGIC;
  private int alignment = GgufFile.DEFAULT_ALIGNMENT;

  GgufWriter version(int v) {
    this.version = v;
    return this;
  }

  GgufWriter magic(int m) {
    this.magic = m;
    return this;
  }

  /** Sets general.alignment (written as a uint32 key) and pads the data to it. */
  GgufWriter alignment(int a) {
    this.alignment = a;
    return u32("general.alignment", a);
  }

  GgufWriter u8(String key, int v) {
    return put(key, 0, le(1).put((byte) v));
  }

  GgufWriter i8(String key, int v) {
    return put(key, 1, le(1).put((byte) v));
  }

  GgufWriter u16(String key, int v) {
    return put(key, 2, le(2).putShort((short) v));
  }

  GgufWriter i16(String key, int v) {
    return put(key, 3, le(2).putShort((short) v));
  }

  GgufWriter u32(String key, long v) {
    return put(key, 4, le(4).putInt((int) v));
  }

  GgufWriter i32(String key, int v) {
    return put(key, 5, le(4).putInt(v));
  }

  GgufWriter f32(String key, float v) {
    return put(key, 6, le(4).putFloat(v));
  }

  GgufWriter bool(String key, boolean v) {
    return put(key, 7, le(1).put((byte) (v ? 1 : 0)));
  }

  GgufWriter str(String key, String v) {
    return put(key, 8, ByteBuffer.wrap(string(v)).position(string(v).length));
  }

  GgufWriter u64(String key, long v) {
    return put(key, 10, le(8).putLong(v));
  }

  GgufWriter i64(String key, long v) {
    return put(key, 11, le(8).putLong(v));
  }

  GgufWriter f64(String key, double v) {
    return put(key, 12, le(8).putDouble(v));
  }

  GgufWriter strings(String key, List<String> values) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(le(12).putInt(8).putLong(values.size()).array());
    for (String s : values) {
      b.writeBytes(string(s));
    }
    byte[] bytes = b.toByteArray();
    return put(key, 9, ByteBuffer.wrap(bytes).position(bytes.length));
  }

  GgufWriter i32s(String key, int... values) {
    ByteBuffer b = le(12 + 4 * values.length).putInt(5).putLong(values.length);
    for (int v : values) {
      b.putInt(v);
    }
    return put(key, 9, b);
  }

  /** A tensor of ggml type id {@code typeId} with ggml dims (innermost first) and raw bytes. */
  GgufWriter tensor(String name, int typeId, long[] dims, byte[] data) {
    tensors.add(new Object[] {name, typeId, dims, data});
    return this;
  }

  /** An F32 tensor with ggml dims. */
  GgufWriter f32Tensor(String name, long[] dims, float[] values) {
    ByteBuffer b = le(4 * values.length);
    for (float v : values) {
      b.putFloat(v);
    }
    return tensor(name, GgmlType.F32.id(), dims, b.array());
  }

  byte[] bytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        le(24).putInt(magic).putInt(version).putLong(tensors.size()).putLong(kvCount).array());
    out.writeBytes(kv.toByteArray());
    long offset = 0;
    for (Object[] t : tensors) {
      long[] dims = (long[]) t[2];
      out.writeBytes(string((String) t[0]));
      ByteBuffer info = le(4 + 8 * dims.length + 4 + 8).putInt(dims.length);
      for (long d : dims) {
        info.putLong(d);
      }
      info.putInt((Integer) t[1]).putLong(offset);
      out.writeBytes(info.array());
      offset = pad(offset + ((byte[]) t[3]).length);
    }
    while (out.size() % alignment != 0) {
      out.write(0);
    }
    for (Object[] t : tensors) {
      byte[] data = (byte[]) t[3];
      out.writeBytes(data);
      while (out.size() % alignment != 0) {
        out.write(0);
      }
    }
    return out.toByteArray();
  }

  Path write(Path file) throws IOException {
    Files.write(file, bytes());
    return file;
  }

  private long pad(long n) {
    return (n + alignment - 1) / alignment * alignment;
  }

  private GgufWriter put(String key, int type, ByteBuffer value) {
    kv.writeBytes(string(key));
    kv.writeBytes(le(4).putInt(type).array());
    kv.write(value.array(), 0, value.position());
    kvCount++;
    return this;
  }

  static ByteBuffer le(int n) {
    return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static byte[] string(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return le(8 + b.length).putLong(b.length).put(b).array();
  }
}
