package dev.gradex.model.safetensors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A safetensors file opened for reading. The header is parsed and validated when the file is
 * opened: its length must be sane (at most {@value #MAX_HEADER_BYTES} bytes and inside the file),
 * every dtype known, every byte range inside the data section, non-overlapping and exactly as long
 * as the shape and dtype require. Errors are {@link InvalidInputException}s naming the file and the
 * tensor. Tensor data is read lazily through a memory map.
 */
public final class SafeTensorsFile implements AutoCloseable {
  /** Upper bound on the JSON header; the format's reference implementation uses the same. */
  public static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

  private static final ObjectMapper JSON = Json.JSON;

  private final Path path;
  private final FileChannel channel;
  private final long dataStart;
  private final Map<String, TensorInfo> tensors;
  private final Map<String, String> metadata;

  private SafeTensorsFile(
      Path path,
      FileChannel channel,
      long dataStart,
      Map<String, TensorInfo> tensors,
      Map<String, String> metadata) {
    this.path = path;
    this.channel = channel;
    this.dataStart = dataStart;
    this.tensors = tensors;
    this.metadata = metadata;
  }

  /** Opens and validates {@code path}; the caller closes the result. */
  public static SafeTensorsFile open(Path path) {
    FileChannel channel;
    try {
      channel = FileChannel.open(path, StandardOpenOption.READ);
    } catch (IOException e) {
      throw new InvalidInputException(path.toString(), "cannot open: " + e.getMessage(), e);
    }
    try {
      long size = channel.size();
      if (size < 8) {
        throw bad(path, "file is " + size + " bytes, shorter than the 8-byte header length");
      }
      ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      readFully(channel, lenBuf, 0);
      long headerLen = lenBuf.getLong(0);
      if (headerLen <= 0 || headerLen > MAX_HEADER_BYTES) {
        throw bad(
            path, "header length " + headerLen + " bytes is outside (0, " + MAX_HEADER_BYTES + "]");
      }
      if (headerLen > size - 8) {
        throw bad(path, "header length " + headerLen + " bytes exceeds the file size of " + size);
      }
      ByteBuffer header = ByteBuffer.allocate((int) headerLen);
      readFully(channel, header, 8);
      String json = new String(header.array(), StandardCharsets.UTF_8);
      long dataSize = size - 8 - headerLen;
      Map<String, String> meta = new LinkedHashMap<>();
      Map<String, TensorInfo> infos = parseHeader(path, json, dataSize, meta);
      return new SafeTensorsFile(
          path,
          channel,
          8 + headerLen,
          Collections.unmodifiableMap(infos),
          Collections.unmodifiableMap(meta));
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel);
      if (e instanceof InvalidInputException iie) {
        throw iie;
      }
      throw new InvalidInputException(path.toString(), "cannot read: " + e.getMessage(), e);
    }
  }

  private static Map<String, TensorInfo> parseHeader(
      Path path, String json, long dataSize, Map<String, String> meta) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw bad(path, "header is not valid JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw bad(path, "header is not a JSON object");
    }
    Map<String, TensorInfo> infos = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals("__metadata__")) {
        e.getValue().fields().forEachRemaining(m -> meta.put(m.getKey(), m.getValue().asText()));
        continue;
      }
      infos.put(e.getKey(), parseEntry(path, e.getKey(), e.getValue(), dataSize));
    }
    checkOverlaps(path, infos);
    return infos;
  }

  private static TensorInfo parseEntry(Path path, String name, JsonNode n, long dataSize) {
    String where = "tensor '" + name + "': ";
    JsonNode dt = n.get("dtype");
    JsonNode shapeNode = n.get("shape");
    JsonNode offsets = n.get("data_offsets");
    if (dt == null || !dt.isTextual() || shapeNode == null || !shapeNode.isArray()) {
      throw bad(path, where + "needs a string 'dtype' and an array 'shape'");
    }
    DType dtype =
        DType.parse(dt.asText())
            .orElseThrow(() -> bad(path, where + "unknown dtype '" + dt.asText() + "'"));
    long[] shape = new long[shapeNode.size()];
    for (int i = 0; i < shape.length; i++) {
      JsonNode d = shapeNode.get(i);
      if (!d.canConvertToLong() || d.asLong() < 0) {
        throw bad(path, where + "shape " + shapeNode + " has a non-integer or negative dimension");
      }
      shape[i] = d.asLong();
    }
    if (offsets == null || !offsets.isArray() || offsets.size() != 2) {
      throw bad(path, where + "needs 'data_offsets' [begin, end]");
    }
    long begin = offsets.get(0).asLong(-1);
    long end = offsets.get(1).asLong(-1);
    if (begin < 0 || end < begin || end > dataSize) {
      throw bad(
          path,
          where
              + "data_offsets ["
              + begin
              + ", "
              + end
              + "] lie outside the data section of "
              + dataSize
              + " bytes");
    }
    TensorInfo info = new TensorInfo(name, dtype, shape, begin, end);
    long expected;
    try {
      expected = Math.multiplyExact(info.elementCount(), dtype.bytes());
    } catch (ArithmeticException e) {
      throw bad(path, where + "shape " + info.shapeText() + " overflows");
    }
    if (expected != end - begin) {
      throw bad(
          path,
          where
              + "shape "
              + info.shapeText()
              + " of "
              + dtype
              + " needs "
              + expected
              + " bytes but data_offsets cover "
              + (end - begin));
    }
    return info;
  }

  private static void checkOverlaps(Path path, Map<String, TensorInfo> infos) {
    List<TensorInfo> sorted = new ArrayList<>(infos.values());
    sorted.sort(Comparator.comparingLong(TensorInfo::begin));
    for (int i = 1; i < sorted.size(); i++) {
      TensorInfo prev = sorted.get(i - 1);
      TensorInfo cur = sorted.get(i);
      if (cur.begin() < prev.end()) {
        throw bad(
            path,
            "tensors '" + prev.name() + "' and '" + cur.name() + "' have overlapping data_offsets");
      }
    }
  }

  /** The file this was opened from. */
  public Path path() {
    return path;
  }

  /** Header entries by name, in header order. */
  public Map<String, TensorInfo> tensors() {
    return tensors;
  }

  /** The optional {@code __metadata__} string map. */
  public Map<String, String> metadata() {
    return metadata;
  }

  /** Reads a F32, F16 or BF16 tensor as {@code float} values in row-major order. */
  public float[] readFloats(String name) {
    TensorInfo info = tensors.get(name);
    if (info == null) {
      throw bad(path, "no tensor named '" + name + "'");
    }
    if (!info.dtype().convertibleToFloat()) {
      throw bad(path, "tensor '" + name + "' has dtype " + info.dtype() + ", not F32/F16/BF16");
    }
    long len = info.end() - info.begin();
    if (len > Integer.MAX_VALUE) {
      throw bad(path, "tensor '" + name + "' is larger than 2 GiB");
    }
    try {
      ByteBuffer buf = channel.map(FileChannel.MapMode.READ_ONLY, dataStart + info.begin(), len);
      return FloatConversion.decode(buf, info.dtype(), (int) info.elementCount());
    } catch (IOException e) {
      throw new InvalidInputException(
          path.toString(), "cannot read tensor '" + name + "': " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    closeQuietly(channel);
  }

  private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
    while (buf.hasRemaining()) {
      int n = ch.read(buf, pos + buf.position());
      if (n < 0) {
        throw new IOException("unexpected end of file");
      }
    }
  }

  private static void closeQuietly(FileChannel ch) {
    try {
      ch.close();
    } catch (IOException ignored) {
      // nothing useful to do
    }
  }

  private static InvalidInputException bad(Path path, String message) {
    return new InvalidInputException(path.toString(), message);
  }
}
