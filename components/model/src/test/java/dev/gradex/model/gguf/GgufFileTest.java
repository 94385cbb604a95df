package dev.gradex.model.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufFileTest {
  @TempDir Path dir;

  @Test
  void everyMetadataTypeReadsBack() throws IOException {
    Path f =
        new GgufWriter()
            .u8("a.u8", 250)
            .i8("a.i8", -5)
            .u16("a.u16", 65000)
            .i16("a.i16", -30000)
            .u32("a.u32", 4_000_000_000L)
            .i32("a.i32", -7)
            .f32("a.f32", 1e-5f)
            .bool("a.bool", true)
            .str("a.str", "héllo")
            .u64("a.u64", 1L << 40)
            .i64("a.i64", -(1L << 40))
            .f64("a.f64", 0.1)
            .strings("a.strs", List.of("x", "", "Ġthe"))
            .i32s("a.ints", 3, -1, 0)
            .write(dir.resolve("m.gguf"));
    try (GgufFile g = GgufFile.open(f)) {
      GgufMetadata m = g.metadata();
      assertThat(g.version()).isEqualTo(3);
      assertThat(m.keys()).hasSize(14).first().isEqualTo("a.u8");
      assertThat(m.integer("a.u8")).isEqualTo(250);
      assertThat(m.integer("a.i8")).isEqualTo(-5);
      assertThat(m.integer("a.u16")).isEqualTo(65000);
      assertThat(m.integer("a.i16")).isEqualTo(-30000);
      assertThat(m.integer("a.u32")).isEqualTo(4_000_000_000L);
      assertThat(m.integer("a.i32")).isEqualTo(-7);
      assertThat(m.real("a.f32")).isEqualTo(1e-5);
      assertThat(m.bool("a.bool", false)).isTrue();
      assertThat(m.string("a.str")).isEqualTo("héllo");
      assertThat(m.integer("a.u64")).isEqualTo(1L << 40);
      assertThat(m.integer("a.i64")).isEqualTo(-(1L << 40));
      assertThat(m.real("a.f64")).isEqualTo(0.1);
      assertThat(m.list("a.strs", String.class)).containsExactly("x", "", "Ġthe");
      assertThat(m.list("a.ints", Long.class)).containsExactly(3L, -1L, 0L);
      assertThat(m.integer("missing", 32)).isEqualTo(32);
      assertThatThrownBy(() -> m.string("a.i32"))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("m.gguf")
          .hasMessageContaining("a.i32 should be String, is Long");
      assertThatThrownBy(() -> m.integer("llama.block_count"))
          .hasMessageContaining("GGUF metadata has no llama.block_count");
    }
  }

  @Test
  void version2AndACustomAlignmentPlaceTheData() throws IOException {
    Path f =
        new GgufWriter()
            .version(2)
            .alignment(64)
            .f32Tensor("a", new long[] {3}, new float[] {1, 2, 3})
            .f32Tensor("b", new long[] {2, 2}, new float[] {4, 5, 6, 7})
            .write(dir.resolve("v2.gguf"));
    try (GgufFile g = GgufFile.open(f)) {
      assertThat(g.version()).isEqualTo(2);
      assertThat(g.tensors().keySet()).containsExactly("a", "b");
      assertThat(g.tensor("b").offset()).isEqualTo(64);
      assertThat(g.tensor("b").shape()).containsExactly(2, 2);
      assertThat(g.floats(g.tensor("a"))).containsExactly(1, 2, 3);
      assertThat(g.floats(g.tensor("b"))).containsExactly(4, 5, 6, 7);
    }
  }

  @Test
  void shapeIsTheGgmlDimsReversed() throws IOException {
    Path f =
        new GgufWriter()
            .f32Tensor("w", new long[] {3, 2}, new float[] {1, 2, 3, 4, 5, 6})
            .write(dir.resolve("s.gguf"));
    try (GgufFile g = GgufFile.open(f)) {
      assertThat(g.tensor("w").shape()).containsExactly(2, 3);
      assertThat(g.tensor("w").elements()).isEqualTo(6);
    }
  }

  @Test
  void notGgufAndVersion1AreRefused() throws IOException {
    Path bad = new GgufWriter().magic(0x12345678).write(dir.resolve("bad.gguf"));
    assertThatThrownBy(() -> GgufFile.open(bad))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(bad + ": not a GGUF file (no GGUF magic)");
    Path v1 = new GgufWriter().version(1).write(dir.resolve("v1.gguf"));
    assertThatThrownBy(() -> GgufFile.open(v1))
        .hasMessage(v1 + ": GGUF version 1 is not supported (2 or 3)");
  }

  @Test
  void unknownQuantTypesAreRefusedByName() throws IOException {
    Path unknown =
        new GgufWriter()
            .tensor("blk.0.attn_q.weight", 99, new long[] {32}, new byte[64])
            .write(dir.resolve("u.gguf"));
    assertThatThrownBy(() -> GgufFile.open(unknown))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(unknown + ": tensor blk.0.attn_q.weight has unknown ggml type id 99");
    Path q2k =
        new GgufWriter()
            .tensor("token_embd.weight", 10, new long[] {256}, new byte[84])
            .write(dir.resolve("q2k.gguf"));
    try (GgufFile g = GgufFile.open(q2k)) {
      assertThatThrownBy(() -> g.floats(g.tensor("token_embd.weight")))
          .isInstanceOf(InvalidInputException.class)
          .hasMessage(
              q2k
                  + ": tensor token_embd.weight has quant type Q2_K, which cannot be"
                  + " dequantised");
    }
  }

  @Test
  void truncatedDataIsRefused() throws IOException {
    byte[] whole = new GgufWriter().f32Tensor("a", new long[] {64}, new float[64]).bytes();
    Path f = dir.resolve("t.gguf");
    java.nio.file.Files.write(f, java.util.Arrays.copyOf(whole, whole.length - 8));
    assertThatThrownBy(() -> GgufFile.open(f))
        .hasMessage(f + ": tensor a lies outside the file or is not aligned");
  }
}
