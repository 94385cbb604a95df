package dev.gradex.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.core.InvalidInputException;
import dev.gradex.core.projection.ParameterBlock;
import dev.gradex.core.projection.ParameterLayout;
import dev.gradex.core.projection.RademacherProjector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreMergerTest {
  @TempDir Path tmp;

  /** Shard k holds train examples 4k..4k+3; shard 0 also holds the validation examples. */
  private Path shard(int k, int count, UnaryOperator<GradientStoreWriterBuilder> tweak) {
    Path dir = tmp.resolve("shard-" + k);
    try (GradientStoreWriter w = tweak.apply(Fixtures.builder(dir).optShard(k, count)).build()) {
      for (int i = 4 * k; i < Math.min(4 * k + 4, Fixtures.TRAIN); i++) {
        Fixtures.appendTrain(w, i);
      }
      if (k == 0) {
        for (int i = 0; i < Fixtures.VALIDATION; i++) {
          Fixtures.appendValidation(w, i);
        }
      }
      w.commit();
    }
    return dir;
  }

  private Path shard(int k) {
    return shard(k, 3, b -> b);
  }

  private static void assertSameExamples(GradientStore a, GradientStore b) {
    for (Split split : Split.values()) {
      assertThat(a.size(split)).isEqualTo(b.size(split));
      assertThat(a.ids(split)).isEqualTo(b.ids(split));
      float[] x = new float[a.dim()];
      float[] y = new float[a.dim()];
      for (int i = 0; i < a.size(split); i++) {
        a.readRow(split, i, x, 0);
        b.readRow(split, i, y, 0);
        assertThat(x).containsExactly(y);
        assertThat(a.offset(split, i)).isEqualTo(b.offset(split, i));
        assertThat(a.tokens(split, i)).isEqualTo(b.tokens(split, i));
        assertThat(a.taskIndex(split, i)).isEqualTo(b.taskIndex(split, i));
      }
    }
  }

  @Test
  void threeShardsInAnyOrder_mergeToTheStoreWrittenAtOnce() {
    Path single = tmp.resolve("single");
    StoreManifest expected = Fixtures.write(single);
    Path out = tmp.resolve("merged");
    StoreManifest merged = StoreMerger.merge(List.of(shard(2), shard(0), shard(1)), out);
    assertThat(merged.shard()).isEqualTo(new StoreManifest.Shard(0, 1));
    assertThat(merged.mergedFrom())
        .extracting(StoreManifest.MergedShard::index)
        .containsExactly(0, 1, 2);
    assertThat(merged.mergedFrom())
        .extracting(StoreManifest.MergedShard::examples)
        .containsExactly(7L, 4L, 4L);
    assertThat(merged.splits()).isEqualTo(expected.splits()); // identical bytes, by checksum
    assertThat(merged.tasks()).isEqualTo(expected.tasks());
    assertThat(merged.adapterNorm()).isEqualTo(1.5);
    try (GradientStore a = GradientStore.open(single);
        GradientStore b = GradientStore.open(out)) {
      assertSameExamples(a, b);
    }
    assertThat(tmp.toFile().list()).noneMatch(n -> n.startsWith(".tmp"));
  }

  @Test
  void rerunOnExistingOutput_returnsTheSameManifest() {
    List<Path> shards = List.of(shard(0), shard(1), shard(2));
    Path out = tmp.resolve("merged");
    StoreManifest first = StoreMerger.merge(shards, out);
    assertThat(StoreMerger.merge(shards, out)).isEqualTo(first);
  }

  @Test
  void nonEmptyForeignOutput_isRefused() throws IOException {
    Path out = Files.createDirectories(tmp.resolve("merged"));
    Files.writeString(out.resolve("notes.txt"), "x");
    assertThatThrownBy(() -> StoreMerger.merge(List.of(shard(0), shard(1), shard(2)), out))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("remove it first");
  }

  private static void assertRefused(List<Path> shards, Path out, String field) {
    assertThatThrownBy(() -> StoreMerger.merge(shards, out))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).subject()).isEqualTo(field));
    assertThat(out).doesNotExist();
  }

  @Test
  void differentSeed_isRefusedNamingProjectorSeed() {
    Path odd = shard(1, 3, b -> b.setProjector(RademacherProjector.KIND, 43));
    assertRefused(List.of(shard(0), odd, shard(2)), tmp.resolve("m"), "projector.seed");
  }

  @Test
  void differentProjectorKind_isRefusedNamingProjectorKind() {
    Path odd = shard(1, 3, b -> b.setProjector("synthetic", 42));
    assertRefused(List.of(shard(0), odd, shard(2)), tmp.resolve("m"), "projector.kind");
  }

  @Test
  void differentAdapterNorm_isRefusedNamingAdapterNorm() {
    Path odd = shard(1, 3, b -> b.optAdapterNorm(2.5));
    assertRefused(List.of(shard(0), odd, shard(2)), tmp.resolve("m"), "adapterNorm");
  }

  @Test
  void differentTargetTask_isRefusedNamingTargetTask() {
    Path odd = shard(1, 3, b -> b.optTargetTask("aux1"));
    assertRefused(List.of(shard(0), odd, shard(2)), tmp.resolve("m"), "targetTask");
  }

  @Test
  void differentDim_isRefusedNamingDim() {
    Path odd = tmp.resolve("odd");
    try (GradientStoreWriter w = Fixtures.builder(odd).setDim(5).optShard(1, 3).build()) {
      w.commit();
    }
    assertRefused(List.of(shard(0), odd, shard(2)), tmp.resolve("m"), "dim");
  }

  @Test
  void differentDigests_isRefusedNamingDigests() {
    Path digests = shard(1, 3, b -> b.optDigests(StoreManifest.Digests.none()));
    assertRefused(List.of(shard(0), digests, shard(2)), tmp.resolve("m"), "digests");
  }

  @Test
  void differentTaskList_isRefusedNamingTasks() {
    Path tasks = shard(1, 3, b -> b.setTasks(List.of("target", "aux2", "aux1")));
    assertRefused(List.of(shard(0), tasks, shard(2)), tmp.resolve("m"), "tasks");
  }

  @Test
  void differentLayout_isRefusedNamingLayoutHash() {
    ParameterLayout fewer = ParameterLayout.of(ParameterBlock.of("lora_A", 2, 8));
    Path layout = shard(2, 3, b -> b.setLayout(fewer));
    assertRefused(List.of(shard(0), shard(1), layout), tmp.resolve("m"), "parameterLayout.hash");
  }

  @Test
  void missingShard_isRefusedNamingShardIndex() {
    List<Path> shards = List.of(shard(0), shard(2));
    assertThatThrownBy(() -> StoreMerger.merge(shards, tmp.resolve("m")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("shard 1 of 3 is missing")
        .hasMessageContaining("shard-0")
        .hasMessageContaining("shard-2")
        .satisfies(e -> assertThat(((InvalidInputException) e).subject()).isEqualTo("shard.index"));
    assertThat(tmp.resolve("m")).doesNotExist();
  }

  @Test
  void differentShardCount_isRefusedNamingShardCount() {
    assertRefused(List.of(shard(0), shard(1, 2, b -> b)), tmp.resolve("m"), "shard.count");
  }

  @Test
  void duplicateShardIndex_isRefused() {
    Path a = shard(0, 2, b -> b);
    Path copy = tmp.resolve("copy");
    dev.gradex.core.AtomicFiles.deleteTree(copy);
    try (GradientStoreWriter w = Fixtures.builder(copy).optShard(0, 2).build()) {
      Fixtures.appendTrain(w, 11);
      w.commit();
    }
    assertThatThrownBy(() -> StoreMerger.merge(List.of(a, copy), tmp.resolve("m")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("shard 0 given twice");
  }

  @Test
  void duplicateIdAcrossShards_isRefusedNamingTheId() {
    Path a = shard(0, 2, b -> b);
    Path b = tmp.resolve("b");
    try (GradientStoreWriter w = Fixtures.builder(b).optShard(1, 2).build()) {
      Fixtures.appendTrain(w, 2); // "t2" is also in shard 0
      w.commit();
    }
    assertRefused(List.of(a, b), tmp.resolve("m"), "t2");
    assertThat(tmp.toFile().list()).noneMatch(n -> n.startsWith(".tmp"));
  }

  @Test
  void leftoversOfAnInterruptedMerge_areClearedFirst() throws IOException {
    Path stale = tmp.resolve(".tmp-m-" + ProcessHandle.current().pid());
    Files.createDirectories(stale);
    Files.writeString(stale.resolve("stray.part"), "half-written");
    StoreMerger.merge(List.of(shard(0), shard(1), shard(2)), tmp.resolve("m"));
    assertThat(stale).doesNotExist();
    assertThat(tmp.resolve("m").resolve(StoreManifest.FILE)).exists();
    assertThat(tmp.resolve("m").resolve("stray.part")).doesNotExist();
  }

  @Test
  void mergedStoreWithAnEmptyTask_isRefusedNamingTheTask() {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    try (GradientStoreWriter w = Fixtures.builder(a).optShard(0, 2).build()) {
      Fixtures.appendTrain(w, 0); // target
      w.commit();
    }
    try (GradientStoreWriter w = Fixtures.builder(b).optShard(1, 2).build()) {
      Fixtures.appendTrain(w, 1); // aux1; aux2 has no examples anywhere
      w.commit();
    }
    assertRefused(List.of(a, b), tmp.resolve("m"), "aux2");
  }
}
