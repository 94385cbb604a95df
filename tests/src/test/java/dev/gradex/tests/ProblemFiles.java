package dev.gradex.tests;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes a regression problem in the raw little-endian layout the Python peers read. */
final class ProblemFiles {
  private ProblemFiles() {}

  static void floats(Path file, float[] values, int count) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(count * 4).order(ByteOrder.LITTLE_ENDIAN);
    buf.asFloatBuffer().put(values, 0, count);
    Files.write(file, buf.array());
  }

  static void ints(Path file, int[] values) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    buf.asIntBuffer().put(values);
    Files.write(file, buf.array());
  }

  static void meta(Path file, Map<String, Object> meta) throws IOException {
    new ObjectMapper().writeValue(file.toFile(), meta);
  }
}
