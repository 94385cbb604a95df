package dev.gradex.local;

import dev.gradex.core.AtomicFiles;
import dev.gradex.core.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The built-in demo: the arithmetic problem of {@link ArithmeticSources} (6 clean, 3 noisy and 3
 * conflicting sources; scarce target data), a tiny character-level decoder pretrained on the
 * notation only, and the whole pipeline on CPU. Writes {@code run.yaml} next to the data so that
 * {@code gradex run} reproduces it.
 */
public final class Demo {
  private Demo() {}

  /** Writes the data and the run configuration under {@code dir}; returns the config file. */
  public static Path prepare(Path dir, long seed) {
    Path data = dir.resolve("data");
    ArithmeticSources problem = new ArithmeticSources(seed, 6, 3, 3, 200, 60, 150);
    problem.write(data);
    problem.writeFormatCorpus(data.resolve("pretrain.jsonl"), 1500);
    List<RunConfig.SourceEntry> sources = new ArrayList<>();
    for (ArithmeticSources.Source s : problem.sources()) {
      sources.add(new RunConfig.SourceEntry(s.name(), "data/" + s.name() + ".jsonl"));
    }
    RunConfig config =
        new RunConfig(
            ".",
            seed,
            sources,
            new RunConfig.Target(
                "data/target-train.jsonl",
                "data/target-validation.jsonl",
                "data/target-test.jsonl"),
            new RunConfig.Model(
                null,
                new RunConfig.Tiny(
                    ArithmeticSources.ALPHABET, 96, 3, 4, 64, 4, "data/pretrain.jsonl")),
            new RunConfig.Lora(16, 32.0, List.of("c_attn", "c_proj", "c_fc")),
            new RunConfig.Training(8, 1e-2, 32),
            new RunConfig.Gradients(200, seed, 32, null),
            // the default lambda and norm cap (0.1: updates stay in the linear regime); below-mean
            // compares equal-sized subsets only (see SelectionRule.BelowMean).
            new RunConfig.Estimate(2000, 0.5, "faithful", "below-mean", null),
            new RunConfig.Training(8, 1e-2, 32));
    Path file = dir.resolve("run.yaml");
    try {
      AtomicFiles.writeString(file, Json.YAML.writeValueAsString(config));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return file;
  }

  /** The planted roles from {@code data/truth.json}: role name to source names. */
  @SuppressWarnings("unchecked")
  public static Map<String, List<String>> truth(Path dir) throws IOException {
    return Json.JSON.readValue(dir.resolve("data/truth.json").toFile(), Map.class);
  }
}
