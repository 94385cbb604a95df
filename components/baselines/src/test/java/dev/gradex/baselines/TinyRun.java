package dev.gradex.baselines;

import dev.gradex.core.projection.ParameterBlock;
import dev.gradex.core.projection.ParameterLayout;
import dev.gradex.core.store.GradientStoreWriter;
import dev.gradex.core.store.Split;
import dev.gradex.model.data.SourceSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A hand-made run for the baselines: a sources artifact of classification texts and a gradient
 * store whose gradients and offsets the test chooses, one row per text.
 */
final class TinyRun {
  /** One example: its text, its projected output gradient and its offset b(z). */
  record Row(String text, float offset, float... gradient) {}

  private final Map<String, List<Row>> sources = new LinkedHashMap<>();
  private final List<Row> target = new ArrayList<>();
  private final List<Row> validation = new ArrayList<>();

  TinyRun source(String name, Row... rows) {
    sources.put(name, List.of(rows));
    return this;
  }

  TinyRun target(Row... rows) {
    target.addAll(List.of(rows));
    return this;
  }

  TinyRun validation(Row... rows) {
    validation.addAll(List.of(rows));
    return this;
  }

  static Row text(String text) {
    return new Row(text, 0f, 1f);
  }

  /** Writes {@code dir/sources} and {@code dir/gradients}; the inputs over them. */
  BaselineInputs write(Path dir) throws IOException {
    return write(dir, dir.resolve("no-model"));
  }

  /** As {@link #write(Path)}, with {@code baseModel} as the run's base model. */
  BaselineInputs write(Path dir, Path baseModel) throws IOException {
    Path data = dir.resolve("sources");
    Files.createDirectories(data);
    List<SourceSet.Source> list = new ArrayList<>();
    for (Map.Entry<String, List<Row>> e : sources.entrySet()) {
      jsonl(data.resolve(e.getKey() + ".jsonl"), e.getValue());
      list.add(new SourceSet.Source(e.getKey(), e.getKey() + ".jsonl", null));
    }
    jsonl(data.resolve("train.jsonl"), target);
    jsonl(data.resolve("validation.jsonl"), validation);
    jsonl(data.resolve("test.jsonl"), validation);
    SourceSet.write(
        data, new SourceSet.Splits("train.jsonl", "validation.jsonl", "test.jsonl"), list);
    int dim = validation.get(0).gradient().length;
    List<String> tasks = new ArrayList<>(sources.keySet());
    tasks.add(SourceSet.TARGET);
    Path store = dir.resolve("gradients");
    try (GradientStoreWriter w =
        GradientStoreWriter.builder()
            .setDirectory(store)
            .setDim(dim)
            .setProjector("synthetic", 1)
            .setLayout(ParameterLayout.of(ParameterBlock.of("lora", 100)))
            .setTasks(tasks)
            .optTargetTask(SourceSet.TARGET)
            .build()) {
      int id = 0;
      for (Map.Entry<String, List<Row>> e : sources.entrySet()) {
        for (Row r : e.getValue()) {
          w.append(Split.TRAIN, e.getKey(), "r" + id++, r.offset(), 1, r.gradient());
        }
      }
      for (Row r : target) {
        w.append(Split.TRAIN, SourceSet.TARGET, "r" + id++, r.offset(), 1, r.gradient());
      }
      for (Row r : validation) {
        w.append(Split.VALIDATION, null, "v" + id++, r.offset(), 1, r.gradient());
      }
      w.commit();
    }
    return BaselineInputs.of(data, store, List.of(), baseModel);
  }

  private static void jsonl(Path file, List<Row> rows) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (Row r : rows) {
      sb.append("{\"text\": \"").append(r.text()).append("\", \"label\": 0}\n");
    }
    Files.writeString(file, sb);
  }
}
