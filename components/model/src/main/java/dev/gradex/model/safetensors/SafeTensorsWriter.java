package dev.gradex.model.safetensors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradex.core.AtomicFiles;
import dev.gradex.core.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes float tensors as a safetensors file (F32, F16 or BF16), atomically through {@link
 * AtomicFiles}: temporary file, fsync, rename, fsync of the directory.
 */
public final class SafeTensorsWriter {
  private static final ObjectMapper JSON = Json.JSON;

  /** A tensor to write: row-major values, shape and the dtype to store them as. */
  public record Tensor(float[] values, long[] shape, DType dtype) {
    /** A F32 tensor. */
    public Tensor(float[] values, long... shape) {
      this(values, shape, DType.F32);
    }
  }

  private final Map<String, Tensor> tensors = new LinkedHashMap<>();
  private final Map<String, String> metadata = new LinkedHashMap<>();

  /** Adds a tensor; names keep insertion order. */
  public SafeTensorsWriter add(String name, Tensor tensor) {
    long n = 1;
    for (long d : tensor.shape()) {
      n *= d;
    }
    if (n != tensor.values().length) {
      throw new IllegalArgumentException(name + ": shape does not match value count");
    }
    if (!tensor.dtype().convertibleToFloat()) {
      throw new IllegalArgumentException(name + ": only F32/F16/BF16 can be written");
    }
    tensors.put(name, tensor);
    return this;
  }

  /** Adds a {@code __metadata__} entry, e.g. {@code format=pt}. */
  public SafeTensorsWriter metadata(String key, String value) {
    metadata.put(key, value);
    return this;
  }

  /** Writes the file. */
  public void write(Path path) throws IOException {
    ObjectNode header = JSON.createObjectNode();
    if (!metadata.isEmpty()) {
      ObjectNode meta = header.putObject("__metadata__");
      metadata.forEach(meta::put);
    }
    long offset = 0;
    for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
      Tensor t = e.getValue();
      long bytes = (long) t.values().length * t.dtype().bytes();
      ObjectNode node = header.putObject(e.getKey());
      node.put("dtype", t.dtype().name());
      ArrayNode shape = node.putArray("shape");
      for (long d : t.shape()) {
        shape.add(d);
      }
      node.putArray("data_offsets").add(offset).add(offset + bytes);
      offset += bytes;
    }
    byte[] headerBytes = JSON.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
    int padded = (headerBytes.length + 7) / 8 * 8; // spec: pad the header with spaces to 8 bytes
    // Adapters are read back by later stages: temp file, fsync, rename, fsync of the directory.
    try {
      AtomicFiles.write(
          path,
          out -> {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
            out.write(len.array());
            out.write(headerBytes);
            for (int i = headerBytes.length; i < padded; i++) {
              out.write(' ');
            }
            for (Tensor t : tensors.values()) {
              out.write(encode(t));
            }
          });
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static byte[] encode(Tensor t) {
    float[] v = t.values();
    ByteBuffer buf =
        ByteBuffer.allocate(v.length * t.dtype().bytes()).order(ByteOrder.LITTLE_ENDIAN);
    for (float f : v) {
      switch (t.dtype()) {
        case F32 -> buf.putFloat(f);
        case F16 -> buf.putShort(FloatConversion.floatToHalf(f));
        case BF16 -> buf.putShort(FloatConversion.floatToBf16(f));
        default -> throw new IllegalStateException(t.dtype().name());
      }
    }
    return buf.array();
  }
}
