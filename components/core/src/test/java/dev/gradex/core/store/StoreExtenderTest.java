package dev.gradex.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.core.InvalidInputException;
import dev.gradex.core.projection.ParameterBlock;
import dev.gradex.core.projection.ParameterLayout;
import dev.gradex.core.projection.RademacherProjector;
import dev.gradex.core.store.StoreManifest.Digests;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreExtenderTest {
  private static final Map<String, String> BEFORE =
      Map.of(
          "target", "sha256:t",
          "aux1", "sha256:1",
          "aux2", "sha256:2",
          "@validation", "sha256:v");

  @TempDir Path tmp;

  /** The previous store: {@link Fixtures#write} with data digests of every task. */
  private Path previous() {
    Path dir = tmp.resolve("previous");
    try (GradientStoreWriter w =
        Fixtures.builder(dir).optDigests(new Digests("sha256:m", "sha256:a", BEFORE)).build()) {
      for (int i = 0; i < Fixtures.TRAIN; i++) {
        Fixtures.appendTrain(w, i);
      }
      for (int i = 0; i < Fixtures.VALIDATION; i++) {
        Fixtures.appendValidation(w, i);
      }
      w.commit();
    }
    return dir;
  }

  /** Shard k of K of the new source "aux3" (two examples per shard), recording {@code data}. */
  private Path addition(int k, int count, Map<String, String> data) {
    Path dir = tmp.resolve("new-" + k);
    try (GradientStoreWriter w =
        Fixtures.builder(dir)
            .setTasks(List.of("aux3"))
            .optTargetTask(null)
            .optShard(k, count)
            .optDigests(new Digests("sha256:m", "sha256:a", data))
            .build()) {
      for (int i = 0; i < 2; i++) {
        int n = 100 + 2 * k + i;
        w.append(Split.TRAIN, "aux3", "n" + n, 0.5f * n, n, Fixtures.row(Split.TRAIN, n));
      }
      w.commit();
    }
    return dir;
  }

  private static Map<String, String> now(Map<String, String> changes) {
    Map<String, String> m = new TreeMap<>(BEFORE);
    m.put("aux3", "sha256:3");
    changes.forEach((k, v) -> m.compute(k, (kk, old) -> v.isEmpty() ? null : v));
    return m;
  }

  @Test
  void newSourceShards_extendThePreviousStoreBeforeTheTargetTask() {
    Path prev = previous();
    Path out = tmp.resolve("out");
    Path shard0 = addition(0, 2, now(Map.of()));
    Path shard1 = addition(1, 2, now(Map.of()));

    StoreManifest m = StoreExtender.extend(prev, List.of(shard1, shard0), out);

    assertThat(m.taskNames()).containsExactly("aux1", "aux2", "aux3", "target");
    assertThat(m.targetTask()).isEqualTo("target");
    assertThat(m.digests().data()).isEqualTo(now(Map.of()));
    assertThat(m.mergedFrom())
        .extracting(StoreManifest.MergedShard::index)
        .containsExactly(StoreExtender.PREVIOUS, 0, 1);
    // The previous store is recorded by its size (12 train + 3 validation) and manifest digest.
    assertThat(m.mergedFrom().get(0).examples()).isEqualTo(15);
    assertThat(m.mergedFrom().get(0).manifestSha256())
        .isEqualTo(dev.gradex.core.Sha256.of(prev.resolve(StoreManifest.FILE)));
    assertThat(m.adapterNorm()).isEqualTo(1.5);
    try (GradientStore p = GradientStore.open(prev);
        GradientStore s = GradientStore.open(out)) {
      List<String> ids = s.ids(Split.TRAIN);
      // Sources in their previous row order, then the new rows by shard, then the target's rows.
      assertThat(ids)
          .containsExactly(
              "t1", "t2", "t4", "t5", "t7", "t8", "t10", "t11", "n100", "n101", "n102", "n103",
              "t0", "t3", "t6", "t9");
      assertThat(s.ids(Split.VALIDATION)).isEqualTo(p.ids(Split.VALIDATION));
      float[] a = new float[Fixtures.DIM];
      float[] b = new float[Fixtures.DIM];
      s.readRow(Split.TRAIN, 0, a, 0);
      p.readRow(Split.TRAIN, 1, b, 0);
      assertThat(a).containsExactly(b);
      assertThat(s.taskNames().get(s.taskIndex(Split.TRAIN, 8))).isEqualTo("aux3");
    }
  }

  @Test
  void retriedExtension_returnsItsEarlierOutput() {
    Path prev = previous();
    Path out = tmp.resolve("out");
    Path shard = addition(0, 1, now(Map.of()));
    StoreManifest first = StoreExtender.extend(prev, List.of(shard), out);

    assertThat(StoreExtender.extend(prev, List.of(shard), out)).isEqualTo(first);
  }

  @Test
  void changedSource_isRefusedByName() {
    Path prev = previous();
    Path shard = addition(0, 1, now(Map.of("aux2", "sha256:2b")));

    assertThatThrownBy(() -> StoreExtender.extend(prev, List.of(shard), tmp.resolve("out")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("aux2")
        .hasMessageContaining("changed");
    assertThat(tmp.resolve("out")).doesNotExist();
  }

  @Test
  void removedSource_isRefusedByName() {
    Path prev = previous();
    Path shard = addition(0, 1, now(Map.of("aux1", "")));

    assertThatThrownBy(() -> StoreExtender.extend(prev, List.of(shard), tmp.resolve("out")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("aux1")
        .hasMessageContaining("no longer a source");
  }

  @Test
  void otherTheta_isRefused() {
    Path prev = previous();
    Path shard = tmp.resolve("other");
    try (GradientStoreWriter w =
        Fixtures.builder(shard)
            .setTasks(List.of("aux3"))
            .optTargetTask(null)
            .optDigests(new Digests("sha256:m", "sha256:other", now(Map.of())))
            .build()) {
      w.append(Split.TRAIN, "aux3", "n1", 0, 1, Fixtures.row(Split.TRAIN, 1));
      w.commit();
    }

    assertThatThrownBy(() -> StoreExtender.extend(prev, List.of(shard), tmp.resolve("out")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("digests.adapter");
  }

  /** One shard of the new source "aux3" whose settings differ from the previous store's. */
  private Path odd(String name, int dim, UnaryOperator<GradientStoreWriterBuilder> tweak) {
    Path dir = tmp.resolve(name);
    GradientStoreWriterBuilder b =
        Fixtures.builder(dir)
            .setTasks(List.of("aux3"))
            .optTargetTask(null)
            .optDigests(new Digests("sha256:m", "sha256:a", now(Map.of())));
    try (GradientStoreWriter w = tweak.apply(b).build()) {
      w.append(Split.TRAIN, "aux3", "n1", 0, 1, new float[dim]);
      w.commit();
    }
    return dir;
  }

  @Test
  void shardsDisagreeingWithThePreviousStore_areRefusedNamingTheField() {
    Path prev = previous();
    Map<String, Path> shards =
        Map.of(
            "dim", odd("dim", 5, b -> b.setDim(5)),
            "projector", odd("seed", 4, b -> b.setProjector(RademacherProjector.KIND, 43)),
            "parameterLayout.hash",
                odd("layout", 4, b -> b.setLayout(ParameterLayout.of(ParameterBlock.of("x", 3)))),
            "digests.model",
                odd(
                    "model",
                    4,
                    b -> b.optDigests(new Digests("sha256:m2", "sha256:a", now(Map.of())))),
            "adapterNorm", odd("norm", 4, b -> b.optAdapterNorm(2.5)));
    shards.forEach(
        (field, shard) ->
            assertThatThrownBy(
                    () -> StoreExtender.extend(prev, List.of(shard), tmp.resolve("out-" + field)))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).subject())
                .isEqualTo(field));
  }

  @Test
  void aNewSourceMissingFromTheShards_isRefused() {
    Path prev = previous();
    Map<String, String> data = now(Map.of());
    data.put("aux4", "sha256:4");
    Path shard = addition(0, 1, data);

    assertThatThrownBy(() -> StoreExtender.extend(prev, List.of(shard), tmp.resolve("out")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("[aux3, aux4]");
  }
}
