package dev.gradex.core.store;

import dev.gradex.core.projection.ParameterBlock;
import dev.gradex.core.projection.ParameterLayout;
import dev.gradex.core.projection.RademacherProjector;
import dev.gradex.core.store.StoreManifest.Digests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Small deterministic stores for the store tests. */
final class Fixtures {
  static final ParameterLayout LAYOUT =
      ParameterLayout.of(ParameterBlock.of("lora_A", 2, 8), ParameterBlock.of("lora_B", 8, 2));
  static final List<String> TASKS = List.of("target", "aux1", "aux2");
  static final int DIM = 4;
  static final int TRAIN = 12;
  static final int VALIDATION = 3;

  private Fixtures() {}

  static GradientStoreWriterBuilder builder(Path dir) {
    return GradientStoreWriter.builder()
        .setDirectory(dir)
        .setDim(DIM)
        .setProjector(RademacherProjector.KIND, 42)
        .setLayout(LAYOUT)
        .setTasks(TASKS)
        .optTargetTask("target")
        .optAdapterNorm(1.5)
        .optDigests(new Digests("sha256:m", "sha256:a", Map.of("aux1", "sha256:1")))
        .optCodeVersion("test");
  }

  /** Feature k of example i of a split: distinct, exactly representable values. */
  static float feature(Split split, int i, int k) {
    return (split == Split.TRAIN ? 1 : -1) * (i + 0.25f * k);
  }

  static float[] row(Split split, int i) {
    float[] r = new float[DIM];
    for (int k = 0; k < DIM; k++) {
      r[k] = feature(split, i, k);
    }
    return r;
  }

  /** Train example i belongs to task i % 3, so every task's rows are interleaved in the file. */
  static String task(int i) {
    return TASKS.get(i % TASKS.size());
  }

  static void appendTrain(GradientStoreWriter w, int i) {
    w.append(Split.TRAIN, task(i), "t" + i, 0.5f * i, 10 + i, row(Split.TRAIN, i));
  }

  static void appendValidation(GradientStoreWriter w, int i) {
    w.append(Split.VALIDATION, "target", "v" + i, -0.5f * i, 20 + i, row(Split.VALIDATION, i));
  }

  /** A complete store with {@link #TRAIN} train and {@link #VALIDATION} validation examples. */
  static StoreManifest write(Path dir) {
    try (GradientStoreWriter w = builder(dir).build()) {
      for (int i = 0; i < TRAIN; i++) {
        appendTrain(w, i);
      }
      for (int i = 0; i < VALIDATION; i++) {
        appendValidation(w, i);
      }
      return w.commit();
    }
  }

  static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  static void replaceInManifest(Path dir, String from, String to) throws IOException {
    Path m = dir.resolve(StoreManifest.FILE);
    String json = read(m);
    if (!json.contains(from)) {
      throw new AssertionError("manifest lacks " + from + ":\n" + json);
    }
    Files.writeString(m, json.replace(from, to), StandardCharsets.UTF_8);
  }
}
