package dev.gradex.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.core.InvalidInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradientStoreTest {
  @TempDir Path dir;

  @BeforeEach
  void writeStore() {
    Fixtures.write(dir);
  }

  private AbstractThrowableAssert<?, ?> assertOpenFails(String subject) {
    return assertOpenFails(subject, true);
  }

  private AbstractThrowableAssert<?, ?> assertOpenFails(String subject, boolean verify) {
    return assertThatThrownBy(() -> GradientStore.open(dir, verify).close())
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).subject()).isEqualTo(subject));
  }

  private void overwrite(String file, long position, ByteBuffer bytes) throws IOException {
    try (FileChannel ch = FileChannel.open(dir.resolve(file), StandardOpenOption.WRITE)) {
      ch.write(bytes, position);
    }
  }

  private static ByteBuffer le(int capacity) {
    return ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
  }

  @Test
  void roundTrip_bothSplitsReadBackExactly() {
    try (GradientStore s = GradientStore.open(dir)) {
      assertThat(s.dim()).isEqualTo(4);
      assertThat(s.taskNames()).containsExactly("target", "aux1", "aux2");
      assertThat(s.targetTask()).isZero();
      assertThat(s.size(Split.TRAIN)).isEqualTo(12);
      assertThat(s.size(Split.VALIDATION)).isEqualTo(3);
      float[] row = new float[6];
      for (int i = 0; i < 12; i++) {
        s.readRow(Split.TRAIN, i, row, 2);
        assertThat(row).endsWith(Fixtures.row(Split.TRAIN, i));
        assertThat(s.offset(Split.TRAIN, i)).isEqualTo(0.5f * i);
        assertThat(s.tokens(Split.TRAIN, i)).isEqualTo(10 + i);
        assertThat(s.taskIndex(Split.TRAIN, i)).isEqualTo(i % 3);
        assertThat(s.id(Split.TRAIN, i)).isEqualTo("t" + i);
      }
      for (int i = 0; i < 3; i++) {
        s.readRow(Split.VALIDATION, i, row, 0);
        assertThat(row).startsWith(Fixtures.row(Split.VALIDATION, i));
        assertThat(s.offset(Split.VALIDATION, i)).isEqualTo(-0.5f * i);
        assertThat(s.tokens(Split.VALIDATION, i)).isEqualTo(20 + i);
        assertThat(s.taskIndex(Split.VALIDATION, i)).isZero();
      }
      assertThat(s.ids(Split.VALIDATION)).containsExactly("v0", "v1", "v2");
      assertThat(s.manifest().adapterNorm()).isEqualTo(1.5);
      assertThat(s.manifest().digests().data()).containsEntry("aux1", "sha256:1");
    }
  }

  private static void assertTaskBlocks(ExampleBlocks blocks) {
    assertThat(blocks.dim()).isEqualTo(4);
    assertThat(blocks.targetTask()).isZero();
    for (int t = 0; t < 3; t++) {
      ExampleBlock b = blocks.block(t);
      assertThat(blocks.rows(t)).isEqualTo(4);
      assertThat(b.rows()).isEqualTo(4);
      for (int r = 0; r < 4; r++) {
        int example = t + 3 * r; // example i has task i % 3
        for (int k = 0; k < 4; k++) {
          assertThat(b.features()[r * 4 + k]).isEqualTo(Fixtures.feature(Split.TRAIN, example, k));
        }
        assertThat(b.offsets()[r]).isEqualTo(0.5f * example);
        assertThat(b.tokens()[r]).isEqualTo(10 + example);
      }
    }
    ExampleBlock v = blocks.validation();
    assertThat(v.rows()).isEqualTo(3);
    assertThat(v.features()[2 * 4 + 3]).isEqualTo(Fixtures.feature(Split.VALIDATION, 2, 3));
    assertThat(v.offsets()).containsExactly(-0.5f * 0, -0.5f * 1, -0.5f * 2);
  }

  @Test
  void blocksWithinBudget_gatherInterleavedTaskRowsOnHeap() {
    try (GradientStore s = GradientStore.open(dir)) {
      ExampleBlocks blocks = s.blocks(1 << 20);
      assertThat(blocks).isInstanceOf(HeapExampleBlocks.class);
      assertTaskBlocks(blocks);
    }
  }

  @Test
  void heapBudgetIsCompared_withTrainPlusValidationFeatureBytes() {
    // 12 train + 3 validation rows of 4 floats: 240 bytes.
    try (GradientStore s = GradientStore.open(dir)) {
      assertThat(s.blocks(240)).isInstanceOf(HeapExampleBlocks.class);
      assertThat(s.blocks(239)).isInstanceOf(MappedExampleBlocks.class);
    }
  }

  @Test
  void blocksOverBudget_streamFromMappingAcrossSmallSegments() {
    // 5-row segments: 12 train rows span three segments, so gathers cross segment boundaries.
    try (GradientStore s = GradientStore.open(dir, true, 5 * 4 * 4 + 3)) {
      ExampleBlocks blocks = s.blocks(100);
      assertThat(blocks).isInstanceOf(MappedExampleBlocks.class);
      assertTaskBlocks(blocks);
      float[] row = new float[4];
      s.readRow(Split.TRAIN, 10, row, 0);
      assertThat(row).containsExactly(Fixtures.row(Split.TRAIN, 10));
    }
  }

  @Test
  void missingManifest_isNotAStore() throws IOException {
    Files.delete(dir.resolve("manifest.json"));
    assertOpenFails("manifest.json").hasMessageContaining("not a gradient store");
  }

  @Test
  void unparsableManifest_isRefused() throws IOException {
    Files.writeString(dir.resolve("manifest.json"), "{ \"kind\": ");
    assertOpenFails("manifest.json").hasMessageContaining("unparsable JSON");
  }

  @Test
  void wrongKindOrFormatVersion_isRefusedNamingTheField() throws IOException {
    Fixtures.replaceInManifest(dir, "\"formatVersion\" : 1", "\"formatVersion\" : 2");
    assertOpenFails("manifest.json: formatVersion").hasMessageContaining("is 2");
    Fixtures.replaceInManifest(dir, "gradient-store", "subset-table");
    assertOpenFails("manifest.json: kind");
  }

  @Test
  void manifestDimChanged_isRefused() throws IOException {
    Fixtures.replaceInManifest(
        dir, "\"dim\" : 4,\n  \"projector\"", "\"dim\" : 5,\n  \"projector\"");
    assertOpenFails("manifest.json: projector.dim").hasMessageContaining("4 != dim 5");
    Fixtures.replaceInManifest(dir, "\"dim\" : 4\n", "\"dim\" : 5\n");
    assertOpenFails("train.features.f32")
        .hasMessageContaining("truncated")
        .hasMessageContaining("dim = 5")
        .hasMessageContaining("examples = 12");
  }

  @Test
  void truncatedFeatures_isRefusedNamingFileAndDim() throws IOException {
    try (FileChannel ch =
        FileChannel.open(dir.resolve("validation.features.f32"), StandardOpenOption.WRITE)) {
      ch.truncate(40);
    }
    assertOpenFails("validation.features.f32")
        .hasMessageContaining("truncated: 40 bytes")
        .hasMessageContaining("dim = 4");
  }

  @Test
  void featuresTooLong_isRefused() throws IOException {
    Files.write(dir.resolve("train.tokens.i32"), new byte[4], StandardOpenOption.APPEND);
    assertOpenFails("train.tokens.i32").hasMessageContaining("too long");
  }

  @Test
  void everyDataFileOfTheWrongLength_isRefusedEvenWithoutChecksums() throws IOException {
    for (String file :
        List.of("train.offsets.f32", "train.tasks.i32", "validation.tokens.i32", "train.ids.txt")) {
      Path path = dir.resolve(file);
      byte[] original = Files.readAllBytes(path);
      Files.write(path, "abcd".getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);
      assertOpenFails(file, false);
      Files.write(path, original);
    }
    GradientStore.open(dir, false).close();
  }

  @Test
  void manifestWithZeroDimOrShardIndexOutOfRange_isRefusedNamingTheField() throws IOException {
    Fixtures.replaceInManifest(dir, "\"index\" : 0", "\"index\" : 1");
    assertOpenFails("manifest.json: shard").hasMessageContaining("got 1/1");
    Fixtures.replaceInManifest(dir, "\"index\" : 1", "\"index\" : 0");
    Fixtures.replaceInManifest(
        dir, "\"dim\" : 4,\n  \"projector\"", "\"dim\" : 0,\n  \"projector\"");
    Fixtures.replaceInManifest(dir, "\"dim\" : 4\n", "\"dim\" : 0\n");
    assertOpenFails("manifest.json: dim").hasMessageContaining("must be > 0");
  }

  @Test
  void missingDataFile_isRefusedNamingIt() throws IOException {
    Files.delete(dir.resolve("train.offsets.f32"));
    assertOpenFails("train.offsets.f32").hasMessageContaining("missing");
  }

  @Test
  void flippedByte_isChecksumMismatchNamingTheFile() throws IOException {
    Path f = dir.resolve("train.features.f32");
    byte[] bytes = Files.readAllBytes(f);
    bytes[20] ^= 1; // low mantissa bit: still a finite float
    Files.write(f, bytes);
    assertOpenFails("train.features.f32").hasMessageContaining("SHA-256 mismatch");
    GradientStore.open(dir, false).close(); // skipping verification accepts it
  }

  @Test
  void nanFeature_isRefusedNamingRowAndColumn() throws IOException {
    overwrite("train.features.f32", (7 * 4 + 2) * 4, le(4).putFloat(0, Float.NaN));
    assertOpenFails("train.features.f32").hasMessageContaining("row 7, column 2 is NaN");
  }

  @Test
  void infiniteOffset_isRefusedEvenWithoutChecksums() throws IOException {
    overwrite("validation.offsets.f32", 4, le(4).putFloat(0, Float.NEGATIVE_INFINITY));
    assertOpenFails("validation.offsets.f32", false).hasMessageContaining("row 1 is -Infinity");
  }

  @Test
  void taskIndexOutOfRange_isRefused() throws IOException {
    overwrite("train.tasks.i32", 8, le(4).putInt(0, 3));
    assertOpenFails("train.tasks.i32", false)
        .hasMessageContaining("row 2: task index 3 out of range [0, 3)");
  }

  @Test
  void idsLineCountMismatch_isRefused() throws IOException {
    Files.writeString(dir.resolve("validation.ids.txt"), "v0\nv1\nv2x");
    assertOpenFails("validation.ids.txt", false).hasMessageContaining("2 complete lines for 3");
  }

  @Test
  void taskCountDisagreeingWithManifest_isRefused() throws IOException {
    Fixtures.replaceInManifest(
        dir,
        "\"trainExamples\" : 4\n  }, {\n    \"name\" : \"aux1\"",
        "\"trainExamples\" : 5\n  }, {\n    \"name\" : \"aux1\"");
    assertOpenFails("manifest.json: tasks.target.trainExamples").hasMessageContaining("has 4");
  }

  @Test
  void emptyTaskInCompleteStore_isRefusedNamingTheTask() throws IOException {
    Path shard = dir.resolve("shard");
    try (GradientStoreWriter w = Fixtures.builder(shard).optShard(0, 2).build()) {
      Fixtures.appendTrain(w, 0);
      Fixtures.appendTrain(w, 1);
      w.commit();
    }
    GradientStore.open(shard).close(); // a shard may lack a task
    Fixtures.replaceInManifest(shard, "\"count\" : 2", "\"count\" : 1");
    assertThatThrownBy(() -> GradientStore.open(shard))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("empty task")
        .satisfies(e -> assertThat(((InvalidInputException) e).subject()).isEqualTo("aux2"));
  }

  @Test
  void layoutHashEdited_isRefused() throws IOException {
    Fixtures.replaceInManifest(dir, "\"hash\" : \"58", "\"hash\" : \"00");
    assertOpenFails("manifest.json: parameterLayout.hash");
  }

  @Test
  void closedStore_refusesReads() {
    GradientStore s = GradientStore.open(dir);
    s.close();
    assertThatThrownBy(() -> s.readRow(Split.TRAIN, 0, new float[4], 0))
        .isInstanceOf(IllegalStateException.class);
  }
}
