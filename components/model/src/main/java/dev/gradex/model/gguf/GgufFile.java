package dev.gradex.model.gguf;

import dev.gradex.core.InvalidInputException;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An open GGUF file (versions 2 and 3): its metadata, its tensor index and memory-mapped access to
 * each tensor's data, which starts at the first multiple of {@code general.alignment} (default 32)
 * after the index. Close it to release the file.
 */
public final class GgufFile implements AutoCloseable {
  static final int MAGIC = 0x46554747; // "GGUF" read little-endian
  static final int DEFAULT_ALIGNMENT = 32;

  private final Path path;
  private final FileChannel channel;
  private final int version;
  private final GgufMetadata metadata;
  private final Map<String, GgufTensor> tensors;
  private final long dataStart;

  private GgufFile(
      Path path,
      FileChannel channel,
      int version,
      GgufMetadata metadata,
      Map<String, GgufTensor> tensors,
      long dataStart) {
    this.path = path;
    this.channel = channel;
    this.version = version;
    this.metadata = metadata;
    this.tensors = tensors;
    this.dataStart = dataStart;
  }

  /** Opens and indexes {@code path}; refuses a file that is not GGUF v2/v3 or is truncated. */
  public static GgufFile open(Path path) throws IOException {
    FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
    try {
      return read(path, ch);
    } catch (RuntimeException | IOException e) {
      ch.close();
      throw e;
    }
  }

  private static GgufFile read(Path path, FileChannel ch) throws IOException {
    String name = path.toString();
    long size = ch.size();
    ByteBuffer buf =
        ch.map(FileChannel.MapMode.READ_ONLY, 0, Math.min(size, Integer.MAX_VALUE))
            .order(ByteOrder.LITTLE_ENDIAN);
    try {
      if (size < 8 || buf.getInt() != MAGIC) {
        throw new InvalidInputException(name, "not a GGUF file (no GGUF magic)");
      }
      int version = buf.getInt();
      if (version != 2 && version != 3) {
        throw new InvalidInputException(
            name, "GGUF version " + version + " is not supported (2 or 3)");
      }
      long tensorCount = buf.getLong();
      long kvCount = buf.getLong();
      Map<String, Object> kv = new LinkedHashMap<>();
      for (long i = 0; i < kvCount; i++) {
        String key = string(buf);
        kv.put(key, value(buf, valueType(buf, name, key), name, key));
      }
      GgufMetadata metadata = new GgufMetadata(name, kv);
      Map<String, GgufTensor> tensors = new LinkedHashMap<>();
      for (long i = 0; i < tensorCount; i++) {
        GgufTensor t = tensorInfo(buf, name);
        tensors.put(t.name(), t);
      }
      long alignment = metadata.integer("general.alignment", DEFAULT_ALIGNMENT);
      if (alignment <= 0) {
        throw new InvalidInputException(name, "general.alignment must be positive: " + alignment);
      }
      long dataStart = (buf.position() + alignment - 1) / alignment * alignment;
      for (GgufTensor t : tensors.values()) {
        if (t.offset() % alignment != 0 || dataStart + t.offset() + t.bytes() > size) {
          throw new InvalidInputException(
              name, "tensor " + t.name() + " lies outside the file or is not aligned");
        }
      }
      return new GgufFile(path, ch, version, metadata, tensors, dataStart);
    } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
      throw new InvalidInputException(name, "truncated GGUF header");
    }
  }

  private static GgufTensor tensorInfo(ByteBuffer buf, String file) {
    String tensor = string(buf);
    int nDims = buf.getInt();
    if (nDims < 1 || nDims > 4) {
      throw new InvalidInputException(file, "tensor " + tensor + " has " + nDims + " dimensions");
    }
    long[] dims = new long[nDims];
    for (int d = 0; d < nDims; d++) {
      dims[d] = buf.getLong();
    }
    int typeId = buf.getInt();
    GgmlType type = GgmlType.byId(typeId);
    if (type == null) {
      throw new InvalidInputException(
          file, "tensor " + tensor + " has unknown ggml type id " + typeId);
    }
    if (dims[0] % type.blockSize() != 0) {
      throw new InvalidInputException(
          file,
          "tensor " + tensor + ": row length " + dims[0] + " is not whole " + type + " blocks");
    }
    return new GgufTensor(tensor, dims, type, buf.getLong());
  }

  private static GgufValueType valueType(ByteBuffer buf, String file, String key) {
    int id = buf.getInt();
    GgufValueType t = GgufValueType.byId(id);
    if (t == null) {
      throw new InvalidInputException(file, "metadata " + key + " has unknown value type " + id);
    }
    return t;
  }

  private static Object value(ByteBuffer buf, GgufValueType type, String file, String key) {
    return switch (type) {
      case UINT8 -> (long) Byte.toUnsignedInt(buf.get());
      case INT8 -> (long) buf.get();
      case UINT16 -> (long) Short.toUnsignedInt(buf.getShort());
      case INT16 -> (long) buf.getShort();
      case UINT32 -> Integer.toUnsignedLong(buf.getInt());
      case INT32 -> (long) buf.getInt();
      case UINT64, INT64 -> buf.getLong();
      // the shortest decimal of the float (1e-5, not 9.999999747378752E-6), as config.json has it
      case FLOAT32 -> Double.parseDouble(Float.toString(buf.getFloat()));
      case FLOAT64 -> buf.getDouble();
      case BOOL -> buf.get() != 0;
      case STRING -> string(buf);
      case ARRAY -> {
        GgufValueType elem = valueType(buf, file, key);
        long n = buf.getLong();
        if (n < 0 || n > buf.remaining()) {
          throw new InvalidInputException(file, "metadata " + key + " has array length " + n);
        }
        List<Object> list = new ArrayList<>((int) n);
        for (long i = 0; i < n; i++) {
          list.add(value(buf, elem, file, key));
        }
        yield List.copyOf(list);
      }
    };
  }

  private static String string(ByteBuffer buf) {
    long n = buf.getLong();
    if (n < 0 || n > buf.remaining()) {
      throw new BufferUnderflowException();
    }
    byte[] b = new byte[(int) n];
    buf.get(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  public Path path() {
    return path;
  }

  public int version() {
    return version;
  }

  public GgufMetadata metadata() {
    return metadata;
  }

  /** The tensor index, in file order. */
  public Map<String, GgufTensor> tensors() {
    return java.util.Collections.unmodifiableMap(tensors);
  }

  /** The named tensor, or an error naming the file and tensor. */
  public GgufTensor tensor(String name) {
    GgufTensor t = tensors.get(name);
    if (t == null) {
      throw new InvalidInputException(path.toString(), "GGUF file has no tensor " + name);
    }
    return t;
  }

  /** The tensor's raw bytes, memory-mapped, little-endian. */
  public ByteBuffer data(GgufTensor t) throws IOException {
    return channel
        .map(FileChannel.MapMode.READ_ONLY, dataStart + t.offset(), t.bytes())
        .order(ByteOrder.LITTLE_ENDIAN);
  }

  /** The tensor dequantised to float32, row-major; refuses a type without a dequantiser. */
  public float[] floats(GgufTensor t) throws IOException {
    if (!t.type().dequantisable()) {
      throw new InvalidInputException(
          path.toString(),
          "tensor " + t.name() + " has quant type " + t.type() + ", which cannot be dequantised");
    }
    if (t.elements() > Integer.MAX_VALUE - 8) {
      throw new InvalidInputException(path.toString(), "tensor " + t.name() + " is too large");
    }
    return Dequantizer.dequantize(t.type(), data(t), (int) t.elements());
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
