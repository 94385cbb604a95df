package dev.gradex.extract;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.component.CommandLines;
import dev.gradex.component.KfpExecutorInput;
import dev.gradex.component.ReuseDir;
import dev.gradex.core.TreeDigest;
import dev.gradex.core.progress.ProgressListener;
import dev.gradex.core.store.GradientStore;
import dev.gradex.core.store.Split;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.arch.HfModels;
import dev.gradex.model.arch.TinyDecoder;
import dev.gradex.model.data.Dataset;
import dev.gradex.model.data.SequenceLimit;
import dev.gradex.model.data.SourceSet;
import dev.gradex.model.tokenizer.CharTokenizerJson;
import dev.gradex.model.train.LoraJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incremental reselection on a miniature problem: a store extracted for sources a and b at theta*,
 * extended through the command lines with the gradients of a new source c only (two shards of
 * extract-gradients --only-sources, then merge-stores --previous-store), equals a full extraction
 * of a, b and c at the same theta*: the same tasks, example ids, task indices, offsets and token
 * counts, and bit for bit the same features. Task and shard sizes are multiples of the batch size,
 * so every example is computed in a batch of the same composition in both runs (padding, and hence
 * the floating-point path, depends on the batch). Also the same command lines under KFP, where both
 * components list their store in the executor output and merge-stores takes its shards from the
 * executor input.
 */
class IncrementalExtractionTest {
  private static final int BATCH = 4;
  @TempDir Path dir;
  private Path base;
  private Path adapter;

  @BeforeEach
  void modelAndThetaStar() throws Exception {
    base = Files.createDirectories(dir.resolve("base"));
    int vocab = CharTokenizerJson.write(base, "0123456789+=;");
    try (LanguageModel m =
        TinyDecoder.create(TinyDecoder.config(vocab, 32, 16, 1, 2), Device.cpu(), 1)) {
      HfModels.save(m, base);
    }
    for (String name : List.of("a", "b", "c", "target-train", "target-validation")) {
      writeJsonl(name, name.equals("c") ? 16 : 8);
    }
    adapter = dir.resolve("theta");
    LoraJob.run(
        base,
        List.of(read("a"), read("b"), read("target-train")),
        read("target-validation"),
        null,
        new LoraJob.Settings(1, 0.01, BATCH, 2, 4, List.of("c_attn"), SequenceLimit.MODEL, 3),
        Device.cpu(),
        adapter,
        dir.resolve("checkpoints"),
        ProgressListener.NONE);
  }

  @Test
  void newSourceExtractedAloneAndMerged_equalsAFullExtractionBitForBit() throws Exception {
    Path before = sources("before", "a", "b");
    Path after = sources("after", "a", "b", "c");
    Path previous = dir.resolve("previous");
    assertThat(extract(before, previous, 0, 1, "")).isZero();

    for (int k = 0; k < 2; k++) {
      assertThat(extract(after, dir.resolve("new-" + k), k, 2, "c")).isZero();
    }
    Path merged = dir.resolve("merged");
    String shards = dir.resolve("new-1") + "," + dir.resolve("new-0");
    assertThat(merge("--shards", shards, "--previous-store", previous, "--store-out", merged))
        .isZero();
    Path full = dir.resolve("full");
    assertThat(extract(after, full, 0, 1, "")).isZero();

    try (GradientStore f = GradientStore.open(full);
        GradientStore m = GradientStore.open(merged)) {
      assertThat(m.taskNames()).containsExactly("a", "b", "c", "target");
      assertThat(m.manifest().digests()).isEqualTo(f.manifest().digests());
      assertThat(m.manifest().tasks()).isEqualTo(f.manifest().tasks());
      assertThat(row(f, Split.TRAIN, 20)).as("a real gradient").isNotEqualTo(new float[8]);
      for (Split split : Split.values()) {
        assertThat(m.ids(split)).isEqualTo(f.ids(split)).isNotEmpty();
        for (int i = 0; i < f.size(split); i++) {
          assertThat(m.taskIndex(split, i)).isEqualTo(f.taskIndex(split, i));
          assertThat(m.tokens(split, i)).isEqualTo(f.tokens(split, i));
          assertThat(m.offset(split, i))
              .as("offset %s", f.id(split, i))
              .isEqualTo(f.offset(split, i));
          assertThat(row(m, split, i))
              .as("features %s", f.id(split, i))
              .isEqualTo(row(f, split, i));
        }
      }
    }
    try (GradientStore p = GradientStore.open(previous);
        GradientStore m = GradientStore.open(merged)) {
      // The unchanged sources' rows are the previous store's, copied.
      for (int i = 0; i < 16; i++) {
        assertThat(row(m, Split.TRAIN, i)).isEqualTo(row(p, Split.TRAIN, i));
      }
    }
  }

  @Test
  void reuseDir_extendsThePublishedStoreAndPublishesTheExtendedOneWithItsAdapter()
      throws Exception {
    Path reuse = dir.resolve("reuse");
    Path previous = dir.resolve("previous");
    assertThat(extract(sources("before", "a", "b"), previous, 0, 1, "")).isZero();
    assertThat(
            merge(
                "--shards",
                previous,
                "--store-out",
                dir.resolve("m0"),
                "--reuse-dir",
                reuse,
                "--adapter",
                adapter))
        .isZero();
    assertThat(reuse.resolve("adapter")).exists();

    assertThat(extract(sources("after", "a", "b", "c"), dir.resolve("new"), 0, 1, "c")).isZero();
    Path merged = dir.resolve("m1");
    assertThat(
            merge(
                "--shards",
                dir.resolve("new"),
                "--store-out",
                merged,
                "--only-sources",
                "c",
                "--reuse-dir",
                reuse,
                "--adapter",
                adapter))
        .isZero();

    try (GradientStore published = GradientStore.open(new ReuseDir(reuse).store())) {
      assertThat(published.taskNames()).containsExactly("a", "b", "c", "target");
      assertThat(published.manifest().digests().adapter()).isEqualTo(TreeDigest.of(adapter));
    }
    assertThat(TreeDigest.of(reuse.resolve("adapter"))).isEqualTo(TreeDigest.of(adapter));
  }

  @Test
  void changedSource_isRefusedByTheMergeNamingIt() throws Exception {
    Path previous = dir.resolve("previous");
    assertThat(extract(sources("before", "a", "b"), previous, 0, 1, "")).isZero();
    Path after = sources("after", "a", "b", "c");
    Files.writeString(dir.resolve("b.jsonl"), "{\"prompt\":\"1+1=\",\"completion\":\"2;\"}\n");
    assertThat(extract(after, dir.resolve("new"), 0, 1, "c")).isZero();

    Path merged = dir.resolve("merged");
    int code =
        merge("--shards", dir.resolve("new"), "--previous-store", previous, "--store-out", merged);

    assertThat(code).isEqualTo(2);
    assertThat(merged).doesNotExist();
  }

  @Test
  void underKfp_fourShardsEachListTheirStoreAndTheMergeReadsThemFromItsExecutorInput()
      throws Exception {
    Path sources = sources("before", "a", "b");
    List<Path> shards = new ArrayList<>();
    for (int k = 0; k < 4; k++) {
      Path task = dir.resolve("extract-" + k);
      String in = KfpExecutorInput.localJson(Map.of(), ExtractGradientsCommand.OUTPUTS, task);
      assertThat(extract(sources, task.resolve("store"), k, 4, "", KfpExecutorInput.OPTION, in))
          .isZero();
      JsonNode store = listed(task, "store");
      assertThat(store.path("uri").asText()).isEqualTo(task.resolve("store").toString());
      assertThat(store.path("metadata").path("dim").asInt()).isEqualTo(8);
      shards.add(Path.of(store.path("uri").asText())); // what kfp.local passes downstream
    }
    Path task = dir.resolve("merge");
    String in =
        KfpExecutorInput.localJson(Map.of("shards", shards), MergeStoreCommand.OUTPUTS, task);

    int code =
        merge(
            KfpExecutorInput.OPTION,
            in,
            "--shard-count",
            4,
            "--store-out",
            task.resolve("store"),
            "--adapter",
            adapter);

    assertThat(code).isZero();
    JsonNode store = listed(task, "store");
    assertThat(store.path("uri").asText()).isEqualTo(task.resolve("store").toString());
    assertThat(store.path("metadata").path("examples").asLong()).isEqualTo(24);
    try (GradientStore m = GradientStore.open(task.resolve("store"))) {
      assertThat(m.taskNames()).containsExactly("a", "b", "target");
    }
  }

  /** Output artifact {@code name} as the executor output file of {@code task} lists it. */
  private static JsonNode listed(Path task, String name) throws Exception {
    JsonNode out = new ObjectMapper().readTree(task.resolve("executor_output.json").toFile());
    assertThat(out.path("artifacts").size()).as("outputs listed").isEqualTo(1);
    return out.path("artifacts").path(name).path("artifacts").get(0);
  }

  private int extract(Path sources, Path out, int k, int count, String only, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--sources",
                sources.toString(),
                "--base-model",
                base.toString(),
                "--adapter",
                adapter.toString(),
                "--store-out",
                out.toString(),
                "--dim",
                "8",
                "--projector-seed",
                "5",
                "--batch-size",
                String.valueOf(BATCH),
                "--shard-index",
                String.valueOf(k),
                "--shard-count",
                String.valueOf(count),
                "--only-sources",
                only));
    args.addAll(List.of(more));
    return CommandLines.run(new ExtractGradientsCommand(), args.toArray(String[]::new));
  }

  private static int merge(Object... args) {
    List<String> a = new ArrayList<>();
    for (Object o : args) {
      a.add(o.toString());
    }
    return CommandLines.run(new MergeStoreCommand(), a.toArray(String[]::new));
  }

  private Path sources(String name, String... names) throws Exception {
    Path d = Files.createDirectories(dir.resolve(name));
    List<SourceSet.Source> list = new ArrayList<>();
    for (String n : names) {
      list.add(new SourceSet.Source(n, dir.resolve(n + ".jsonl").toString(), null));
    }
    SourceSet.write(
        d,
        new SourceSet.Splits(
            dir.resolve("target-train.jsonl").toString(),
            dir.resolve("target-validation.jsonl").toString(),
            null),
        list);
    return d;
  }

  private void writeJsonl(String name, int n) throws Exception {
    StringBuilder sb = new StringBuilder();
    int seed = name.hashCode() & 0xff;
    for (int i = 0; i < n; i++) {
      int x = (seed + 7 * i) % 100;
      int y = (3 * seed + i) % (1 + i * 13);
      sb.append("{\"prompt\":\"")
          .append(x)
          .append('+')
          .append(y)
          .append("=\",\"completion\":\"")
          .append(x + y)
          .append(";\"}\n");
    }
    Files.writeString(dir.resolve(name + ".jsonl"), sb.toString());
  }

  private Dataset read(String name) {
    return Dataset.read(dir.resolve(name + ".jsonl"), name.startsWith("target") ? "target" : name);
  }

  private static float[] row(GradientStore s, Split split, int i) {
    float[] r = new float[s.dim()];
    s.readRow(split, i, r, 0);
    return r;
  }
}
