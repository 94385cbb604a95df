package dev.gradex.local.problems;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gradex.core.AtomicFiles;
import dev.gradex.core.Json;
import dev.gradex.local.RunConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code run.yaml} of the real-text problem: all-MiniLM-L6-v2 with a LoRA of rank 8 on the
 * family's default modules, the projection and ensemble sizes (d = 200, m = 1,000), and
 * estimation settings left to the product's defaults (so a run measures them). Meta-training takes
 * two epochs over everything; each fine-tune (the fidelity subsets, the selection) one epoch, about
 * 125 steps of batch 16 for a half of the sources: about a minute on 2 idle cores.
 */
final class RealTextRun {
  private RealTextRun() {}

  static Path write(
      Path out, Path modelDir, long seed, Integer fidelitySubsets, List<String> sourceNames) {
    List<RunConfig.SourceEntry> sources = new ArrayList<>();
    for (String name : sourceNames) {
      sources.add(new RunConfig.SourceEntry(name, "data/" + name + ".jsonl"));
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
            new RunConfig.Model(modelDir.toAbsolutePath().normalize().toString(), null),
            new RunConfig.Lora(8, 16.0, null),
            new RunConfig.Training(2, 2e-3, 16),
            new RunConfig.Gradients(200, seed, 16, null),
            new RunConfig.Estimate(1000, null, null, null, null),
            new RunConfig.Training(1, 2e-3, 16),
            new RunConfig.Fidelity(fidelitySubsets));
    Path file = out.resolve("run.yaml");
    try {
      AtomicFiles.writeString(file, Json.YAML.writeValueAsString(config));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return file;
  }
}
