package dev.gradex.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradientStoreWriterTest {
  @TempDir Path tmp;

  private static float[] row() {
    return Fixtures.row(Split.TRAIN, 1);
  }

  private static String[] list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
    }
  }

  @Test
  void build_withNothingSet_reportsEveryMissingFieldInOneMessage() {
    assertThatThrownBy(() -> GradientStoreWriter.builder().build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("directory")
        .hasMessageContaining("dim")
        .hasMessageContaining("projector")
        .hasMessageContaining("layout")
        .hasMessageContaining("tasks");
  }

  @Test
  void build_intoExistingStore_isRefused() {
    Fixtures.write(tmp);
    assertThatThrownBy(() -> Fixtures.builder(tmp).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("already holds a manifest.json");
  }

  @Test
  void appendUnknownTask_isRefusedNamingTheTask() {
    try (GradientStoreWriter w = Fixtures.builder(tmp).build()) {
      assertThatThrownBy(() -> w.append(Split.TRAIN, "nope", "x", 0, 1, row()))
          .isInstanceOf(InvalidInputException.class)
          .extracting(e -> ((InvalidInputException) e).subject())
          .isEqualTo("nope");
    }
  }

  @Test
  void appendDuplicateId_isRefusedNamingTheId() {
    try (GradientStoreWriter w = Fixtures.builder(tmp).build()) {
      w.append(Split.TRAIN, "aux1", "same", 0, 1, row());
      assertThatThrownBy(() -> w.append(Split.TRAIN, "aux2", "same", 0, 1, row()))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("duplicate")
          .extracting(e -> ((InvalidInputException) e).subject())
          .isEqualTo("same");
      // the same id in the other split is a different example
      w.append(Split.VALIDATION, null, "same", 0, 1, row());
    }
  }

  @Test
  void appendBadIdOrNonFiniteValues_isRefused() {
    try (GradientStoreWriter w = Fixtures.builder(tmp).build()) {
      assertThatThrownBy(() -> w.append(Split.TRAIN, "aux1", "a\nb", 0, 1, row()))
          .hasMessageContaining("line breaks");
      assertThatThrownBy(() -> w.append(Split.TRAIN, "aux1", "", 0, 1, row()))
          .hasMessageContaining("non-empty");
      float[] nan = row();
      nan[2] = Float.NaN;
      assertThatThrownBy(() -> w.append(Split.TRAIN, "aux1", "n", 0, 1, nan))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("column 2 is NaN");
      assertThatThrownBy(
              () -> w.append(Split.TRAIN, "aux1", "o", Float.POSITIVE_INFINITY, 1, row()))
          .hasMessageContaining("offset of o");
      assertThatThrownBy(() -> w.append(Split.TRAIN, "aux1", "d", 0, 1, new float[3]))
          .hasMessageContaining("length 3 != dim 4");
      assertThat(w.size(Split.TRAIN)).isZero();
    }
  }

  @Test
  void lineBreakAtTheStartOfAnIdIsRefusedAndZeroTokensAreAccepted() {
    try (GradientStoreWriter w = Fixtures.builder(tmp).build()) {
      assertThatThrownBy(() -> w.append(Split.TRAIN, "aux1", "\nb", 0, 1, row()))
          .hasMessageContaining("line breaks");
      assertThatThrownBy(() -> w.append(Split.TRAIN, "aux1", "\rb", 0, 1, row()))
          .hasMessageContaining("line breaks");
      assertThatThrownBy(() -> w.append(Split.TRAIN, "aux1", "m", 0, -1, row()))
          .hasMessageContaining("tokens of m");
      w.append(Split.TRAIN, "aux1", "zero-tokens", 0, 0, row());
      w.append(Split.VALIDATION, null, "v", 0, 2, row());
      assertThat(w.size(Split.TRAIN)).isEqualTo(1);
      assertThat(w.size(Split.VALIDATION)).isEqualTo(1);
    }
  }

  @Test
  void appendOrCommitAfterCommitIsRefused() {
    Path dir = tmp.resolve("done");
    try (GradientStoreWriter w = Fixtures.builder(dir).optShard(0, 2).build()) {
      w.append(Split.TRAIN, "aux1", "a", 0, 1, row());
      w.commit();
      assertThatThrownBy(() -> w.append(Split.TRAIN, "aux1", "b", 0, 1, row()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("committed");
      assertThatThrownBy(w::commit).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void commitWithEmptyTask_isRefusedNamingTheTask() {
    try (GradientStoreWriter w = Fixtures.builder(tmp).build()) {
      w.append(Split.TRAIN, "target", "a", 0, 1, row());
      w.append(Split.TRAIN, "aux1", "b", 0, 1, row());
      assertThatThrownBy(w::commit)
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("empty task")
          .extracting(e -> ((InvalidInputException) e).subject())
          .isEqualTo("aux2");
    }
    assertThat(tmp.resolve("manifest.json")).doesNotExist();
  }

  @Test
  void closeWithoutCommit_leavesNoManifestAndNoDataFiles() throws IOException {
    try (GradientStoreWriter w = Fixtures.builder(tmp).build()) {
      Fixtures.appendTrain(w, 0);
      Fixtures.appendValidation(w, 0);
      assertThat(list(tmp)).contains(".tmp-train.features.f32", ".tmp-validation.ids.txt");
    }
    assertThat(list(tmp)).isEmpty();
  }

  @Test
  void commit_writesManifestWithCountsAndChecksumsAndNoTemps() throws IOException {
    StoreManifest m = Fixtures.write(tmp);
    assertThat(list(tmp))
        .containsExactly(
            "manifest.json",
            "train.features.f32",
            "train.ids.txt",
            "train.offsets.f32",
            "train.tasks.i32",
            "train.tokens.i32",
            "validation.features.f32",
            "validation.ids.txt",
            "validation.offsets.f32",
            "validation.tasks.i32",
            "validation.tokens.i32");
    assertThat(m.tasks())
        .containsExactly(
            new StoreManifest.Task("target", 4),
            new StoreManifest.Task("aux1", 4),
            new StoreManifest.Task("aux2", 4));
    StoreManifest.FileInfo features = m.split(Split.TRAIN).files().get("train.features.f32");
    assertThat(features.bytes()).isEqualTo(12 * 4 * 4);
    assertThat(features.sha256())
        .isEqualTo(
            dev.gradex.core.Sha256.of(Files.readAllBytes(tmp.resolve("train.features.f32"))));
    assertThat(Fixtures.read(tmp.resolve("validation.ids.txt"))).isEqualTo("v0\nv1\nv2\n");
  }

  @Test
  void sameInput_writesByteIdenticalManifests() throws IOException {
    Fixtures.write(tmp.resolve("a"));
    Fixtures.write(tmp.resolve("b"));
    assertThat(Files.readAllBytes(tmp.resolve("a/manifest.json")))
        .isEqualTo(Files.readAllBytes(tmp.resolve("b/manifest.json")));
  }

  @Test
  void shardWithEmptyTask_commits() {
    try (GradientStoreWriter w = Fixtures.builder(tmp).optShard(1, 2).build()) {
      Fixtures.appendTrain(w, 0);
      StoreManifest m = w.commit();
      assertThat(m.shard()).isEqualTo(new StoreManifest.Shard(1, 2));
      assertThat(m.tasks().get(1).trainExamples()).isZero();
    }
  }

  @Test
  void validationWithoutTask_isStoredAsTaskMinusOne() {
    try (GradientStoreWriter w = Fixtures.builder(tmp).build()) {
      for (int i = 0; i < 3; i++) {
        Fixtures.appendTrain(w, i);
      }
      w.append(Split.VALIDATION, null, "v", 0.5f, 2, row());
      w.commit();
    }
    try (GradientStore s = GradientStore.open(tmp)) {
      assertThat(s.taskIndex(Split.VALIDATION, 0)).isEqualTo(-1);
      assertThat(s.blocks(1 << 20).validation().rows()).isEqualTo(1);
    }
  }

  @Test
  void trainWithoutTask_isRefused() {
    try (GradientStoreWriter w = Fixtures.builder(tmp).build()) {
      assertThatThrownBy(() -> w.append(Split.TRAIN, null, "x", 0, 1, row()))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("unknown task");
    }
  }
}
