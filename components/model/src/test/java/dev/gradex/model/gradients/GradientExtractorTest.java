package dev.gradex.model.gradients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.core.progress.ProgressEvent;
import dev.gradex.core.progress.ProgressListener;
import dev.gradex.core.progress.Work;
import dev.gradex.core.store.GradientStore;
import dev.gradex.core.store.Split;
import dev.gradex.core.store.StoreManifest;
import dev.gradex.core.store.StoreMerger;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.data.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradientExtractorTest {
  @TempDir Path dir;
  private Dataset target;
  private Dataset aux;
  private Dataset validation;

  @BeforeEach
  void data() throws IOException {
    target = Dataset.read(write("target.jsonl", 7, 0), null);
    aux = Dataset.read(write("aux.jsonl", 6, 50), null);
    validation = Dataset.read(write("val.jsonl", 5, 90), null);
  }

  private Path write(String name, int n, int base) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      int a = base + i;
      sb.append("{\"prompt\":\"")
          .append(a)
          .append("+")
          .append(i)
          .append("=\",\"completion\":\"")
          .append(a + i)
          .append("\"}\n");
    }
    Path p = dir.resolve(name);
    Files.writeString(p, sb.toString());
    return p;
  }

  private StoreManifest extract(LanguageModel m, Path out, int k, int count, ProgressListener l) {
    return extract(m, out, k, count, l, 3);
  }

  private StoreManifest extract(
      LanguageModel m, Path out, int k, int count, ProgressListener l, int batchSize) {
    return GradientExtractor.builder()
        .setModel(m)
        .setTokenizer(GradientFixtures.CHARS)
        .addTask("target", target)
        .addTask("aux", aux)
        .setTarget("target", validation)
        .setProjection(42, 16)
        .setOutput(out)
        .optShard(k, count)
        .optBatchSize(batchSize)
        .optChunkSize(4)
        .optListener(l)
        .build()
        .run();
  }

  @Test
  void completeStoreHoldsEveryTrainAndValidationExampleWithAdapterNormAndDigests() {
    try (LanguageModel m = GradientFixtures.decoder()) {
      StoreManifest man = extract(m, dir.resolve("full"), 0, 1, ProgressListener.NONE);
      assertThat(man.split(Split.TRAIN).examples()).isEqualTo(13);
      assertThat(man.split(Split.VALIDATION).examples()).isEqualTo(5);
      assertThat(man.taskNames()).containsExactly("target", "aux");
      assertThat(man.adapterNorm()).isEqualTo(Layouts.norm(m));
      assertThat(man.parameterLayout().hash()).isEqualTo(Layouts.of(m).hash());
      assertThat(man.digests().data()).containsKeys("target", "aux", "@validation");
      assertThat(dir.resolve("full/.chunks")).doesNotExist();
      try (GradientStore s = GradientStore.open(dir.resolve("full"))) {
        assertThat(s.id(Split.TRAIN, 7)).isEqualTo("aux/1");
        assertThat(s.tokens(Split.TRAIN, 0)).isEqualTo(1); // "0+0=" -> "0"
        assertThat(s.taskIndex(Split.VALIDATION, 0)).isEqualTo(-1);
      }
    }
  }

  @Test
  void directoryDigestDependsOnContentNotLocation() throws IOException {
    Path a = Files.createDirectories(dir.resolve("a"));
    Path b = Files.createDirectories(dir.resolve("b"));
    for (Path p : List.of(a, b)) {
      Files.writeString(p.resolve("config.json"), "{}");
      Files.writeString(p.resolve("notes.txt"), p.toString()); // not part of the digest
    }
    assertThat(InputDigests.directory(a))
        .isEqualTo(InputDigests.directory(b))
        .startsWith("sha256:");
    Files.writeString(b.resolve("config.json"), "{ }");
    assertThat(InputDigests.directory(a)).isNotEqualTo(InputDigests.directory(b));
  }

  @Test
  void twoShardsMergedEqualTheUnshardedStoreRowForRow() {
    try (LanguageModel m = GradientFixtures.decoder()) {
      extract(m, dir.resolve("full"), 0, 1, ProgressListener.NONE);
      extract(m, dir.resolve("s0"), 0, 2, ProgressListener.NONE);
      extract(m, dir.resolve("s1"), 1, 2, ProgressListener.NONE);
      StoreMerger.merge(List.of(dir.resolve("s1"), dir.resolve("s0")), dir.resolve("merged"));
      // Shards batch other examples together (other padding), so rounding differs slightly.
      assertSameRows(dir.resolve("full"), dir.resolve("merged"), false);
    }
  }

  @Test
  void runKilledAfterTheFirstChunkResumesWithoutRedoingItAndMatchesAnUninterruptedRun() {
    try (LanguageModel m = GradientFixtures.decoder()) {
      extract(m, dir.resolve("full"), 0, 1, ProgressListener.NONE);
      Path out = dir.resolve("resumed");
      assertThatThrownBy(
              () ->
                  extract(
                      m,
                      out,
                      0,
                      1,
                      e -> {
                        if (e instanceof ProgressEvent.ChunkCommitted) {
                          throw new IllegalStateException("killed");
                        }
                      }))
          .hasMessage("killed");
      assertThat(out.resolve(StoreManifest.FILE)).doesNotExist();
      AtomicInteger already = new AtomicInteger(-1);
      AtomicInteger batches = new AtomicInteger();
      extract(
          m,
          out,
          0,
          1,
          e -> {
            if (e instanceof ProgressEvent.WorkStarted w && w.work() == Work.CHUNKS) {
              already.set((int) w.alreadyDone());
            } else if (e instanceof ProgressEvent.WorkAdvanced a && a.work() == Work.EXAMPLES) {
              batches.incrementAndGet();
            }
          });
      assertThat(already.get()).isEqualTo(1);
      // 18 examples: chunks of 4, 4, 4, 4, 2 take 2, 2, 2, 2, 1 batches of 3; the first is skipped.
      assertThat(batches.get()).isEqualTo(7);
      assertSameRows(dir.resolve("full"), out, true);
    }
  }

  /** Rows equal bitwise, or within a relative error of 1e-5 (offsets 1e-5 absolute). */
  private static void assertSameRows(Path a, Path b, boolean bitwise) {
    try (GradientStore x = GradientStore.open(a);
        GradientStore y = GradientStore.open(b)) {
      for (Split split : Split.values()) {
        assertThat(y.ids(split)).isEqualTo(x.ids(split));
        List<Float> ox = new ArrayList<>();
        List<Float> oy = new ArrayList<>();
        float[] rx = new float[x.dim()];
        float[] ry = new float[y.dim()];
        for (int i = 0; i < x.size(split); i++) {
          ox.add(x.offset(split, i));
          oy.add(y.offset(split, i));
          x.readRow(split, i, rx, 0);
          y.readRow(split, i, ry, 0);
          if (bitwise) {
            assertThat(ry).as("%s row %d", split, i).containsExactly(rx);
          } else {
            assertThat(GradientFixtures.relativeError(rx, ry)).isLessThan(1e-5);
          }
        }
        for (int i = 0; i < ox.size(); i++) {
          if (bitwise) {
            assertThat(oy.get(i)).isEqualTo(ox.get(i));
          } else {
            assertThat(oy.get(i))
                .isCloseTo(ox.get(i), org.assertj.core.api.Assertions.within(1e-5f));
          }
        }
      }
    }
  }
}
