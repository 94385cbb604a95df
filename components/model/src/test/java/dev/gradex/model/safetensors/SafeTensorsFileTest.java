package dev.gradex.model.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gradex.core.InvalidInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsFileTest {
  @TempDir Path dir;

  @Test
  void roundTripKeepsNamesShapesAndValuesInAllFloatTypes() throws IOException {
    float[] v = {1f, -2.5f, 0.1f, 65504f, 1e-6f, 3.14159f};
    Path file = dir.resolve("t.safetensors");
    new SafeTensorsWriter()
        .metadata("format", "pt")
        .add("a.f32", new SafeTensorsWriter.Tensor(v, new long[] {2, 3}, DType.F32))
        .add("b.f16", new SafeTensorsWriter.Tensor(v, new long[] {6}, DType.F16))
        .add("c.bf16", new SafeTensorsWriter.Tensor(v, new long[] {3, 2}, DType.BF16))
        .write(file);
    try (SafeTensorsFile f = SafeTensorsFile.open(file)) {
      assertThat(f.tensors().keySet()).containsExactly("a.f32", "b.f16", "c.bf16");
      assertThat(f.metadata()).containsEntry("format", "pt");
      assertThat(f.tensors().get("c.bf16").shape()).containsExactly(3, 2);
      assertThat(f.readFloats("a.f32")).containsExactly(v);
      float[] half = f.readFloats("b.f16");
      float[] bf = f.readFloats("c.bf16");
      for (int i = 0; i < v.length; i++) {
        // binary16 keeps 11 significant bits (fewer for subnormals), bfloat16 keeps 8.
        assertThat(half[i]).isCloseTo(v[i], within(Math.max(Math.abs(v[i]) * 1e-3f, 6e-8f)));
        assertThat(bf[i]).isCloseTo(v[i], within(Math.abs(v[i]) * 8e-3f));
      }
    }
  }

  @Test
  void writeGoesThroughAtomicFiles_replacingWholeAndLeavingNoTemporaryFile() throws IOException {
    Path file = dir.resolve("adapter_model.safetensors");
    new SafeTensorsWriter().add("w", new SafeTensorsWriter.Tensor(new float[64], 8, 8)).write(file);
    new SafeTensorsWriter().add("v", new SafeTensorsWriter.Tensor(new float[] {7f}, 1)).write(file);
    try (var listing = Files.list(dir)) {
      assertThat(listing).containsExactly(file);
    }
    try (SafeTensorsFile f = SafeTensorsFile.open(file)) {
      assertThat(f.tensors().keySet()).containsExactly("v");
      assertThat(f.readFloats("v")).containsExactly(7f);
    }
    // 8 length bytes + header padded to 8 + one float: nothing of the larger first file remains
    assertThat(Files.size(file) % 8).isEqualTo(4);
  }

  @Test
  void failedRenameLeavesNoTemporaryFileBehind() throws IOException {
    Path blocked = dir.resolve("x.safetensors");
    Files.createDirectories(blocked);
    Files.writeString(blocked.resolve("keep"), "a non-empty directory cannot be replaced");
    assertThatThrownBy(
            () ->
                new SafeTensorsWriter()
                    .add("w", new SafeTensorsWriter.Tensor(new float[] {1f}, 1))
                    .write(blocked))
        .isInstanceOf(IOException.class);
    try (var listing = Files.list(dir)) {
      assertThat(listing).containsExactly(blocked);
    }
    assertThat(blocked.resolve("keep")).exists();
  }

  @Test
  void halfPrecisionDecodesSubnormalsAndInfinity() {
    assertThat(FloatConversion.halfToFloat((short) 0x0001)).isEqualTo(0x1p-24f);
    assertThat(FloatConversion.halfToFloat((short) 0x7c00)).isEqualTo(Float.POSITIVE_INFINITY);
    assertThat(FloatConversion.halfToFloat((short) 0xc000)).isEqualTo(-2f);
  }

  @Test
  void hugeHeaderLengthIsRefusedWithoutAllocating() throws IOException {
    Path file = raw(1L << 40, "{}");
    assertThatThrownBy(() -> SafeTensorsFile.open(file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("header length");
  }

  @Test
  void headerLongerThanFileIsRefused() throws IOException {
    Path file = raw(5000, "{}");
    assertThatThrownBy(() -> SafeTensorsFile.open(file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("exceeds the file size");
  }

  @Test
  void offsetsOutsideTheFileNameTheTensor() throws IOException {
    Path file = withData("{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,1600]}}", 16);
    assertThatThrownBy(() -> SafeTensorsFile.open(file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("tensor 'w'")
        .hasMessageContaining("outside the data section");
  }

  @Test
  void byteCountThatDisagreesWithShapeNamesTheTensor() throws IOException {
    Path file = withData("{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,16]}}", 16);
    assertThatThrownBy(() -> SafeTensorsFile.open(file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("tensor 'w'")
        .hasMessageContaining("needs 12 bytes but data_offsets cover 16");
  }

  @Test
  void overflowingShapeIsRefused() throws IOException {
    Path file =
        withData(
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[4611686018427387904,4],\"data_offsets\":[0,16]}}",
            16);
    assertThatThrownBy(() -> SafeTensorsFile.open(file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("tensor 'w'");
  }

  @Test
  void unknownDtypeOverlapAndBadJsonAreNamed() throws IOException {
    Path unknown = withData("{\"w\":{\"dtype\":\"F8\",\"shape\":[4],\"data_offsets\":[0,4]}}", 4);
    assertThatThrownBy(() -> SafeTensorsFile.open(unknown))
        .hasMessageContaining("unknown dtype 'F8'");
    Path overlap =
        withData(
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}",
            12);
    assertThatThrownBy(() -> SafeTensorsFile.open(overlap)).hasMessageContaining("overlapping");
    Path json = withData("{\"w\": [", 0);
    assertThatThrownBy(() -> SafeTensorsFile.open(json)).hasMessageContaining("not valid JSON");
    Path tiny = dir.resolve("tiny.safetensors");
    Files.write(tiny, new byte[] {1, 2, 3});
    assertThatThrownBy(() -> SafeTensorsFile.open(tiny)).hasMessageContaining("shorter than");
  }

  private Path raw(long headerLength, String header) throws IOException {
    Path file = Files.createTempFile(dir, "raw", ".safetensors");
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(8 + h.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(headerLength).put(h);
    Files.write(file, b.array());
    return file;
  }

  private Path withData(String header, int dataBytes) throws IOException {
    Path file = Files.createTempFile(dir, "data", ".safetensors");
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(h.length).put(h);
    Files.write(file, b.array());
    return file;
  }
}
