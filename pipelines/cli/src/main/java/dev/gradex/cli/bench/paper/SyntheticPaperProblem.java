package dev.gradex.cli.bench.paper;

import dev.gradex.core.AtomicFiles;
import dev.gradex.core.Json;
import dev.gradex.local.ArithmeticSources;
import dev.gradex.local.RunConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Problem 1, the paper's own synthetic check (Li et al., arXiv 2409.19458): 3-digit addition with
 * chain-of-thought steps as the target and 20 sources of {@link ArithmeticSources} (8 clean, 4
 * noisy, 4 with a conflicting rule, 4 of irrelevant text in the same alphabet) on the demo's tiny
 * decoder. The quick variant is a miniature (8 sources, fewer examples, shorter training).
 */
final class SyntheticPaperProblem implements PaperProblem {
  static final String NAME = "synthetic";
  private static final long DATA_SEED = 7;
  private final boolean quick;

  SyntheticPaperProblem(boolean quick) {
    this.quick = quick;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int fidelitySubsets() {
    return quick ? 4 : 30;
  }

  @Override
  public long budgetSteps() {
    return quick ? 12 : 320;
  }

  @Override
  public List<String> harmfulRoles() {
    return List.of("noisy", "conflicting");
  }

  @Override
  public String cleanRole() {
    return "clean";
  }

  private ArithmeticSources sources() {
    return quick
        ? new ArithmeticSources(DATA_SEED, 3, 2, 2, 1, 30, 30, 40)
        : new ArithmeticSources(DATA_SEED, 8, 4, 4, 4, 200, 60, 150);
  }

  @Override
  public Path prepare(Path problemDir, Path runDir, long runSeed, int fidelitySubsets) {
    Path data = problemDir.resolve("data");
    ArithmeticSources problem = sources();
    if (!Files.isRegularFile(data.resolve("truth.json"))) {
      problem.write(data);
      problem.writeFormatCorpus(data.resolve("pretrain.jsonl"), quick ? 150 : 1500);
    }
    // absolute: run.yaml may name files outside its directory only so
    String rel = data.toAbsolutePath().normalize() + "/";
    List<RunConfig.SourceEntry> entries = new ArrayList<>();
    for (ArithmeticSources.Source s : problem.sources()) {
      entries.add(new RunConfig.SourceEntry(s.name(), rel + s.name() + ".jsonl"));
    }
    RunConfig.Training fineTune =
        new RunConfig.Training(8, 1e-2, 32, budgetSteps(), null, null, null);
    RunConfig config =
        new RunConfig(
            ".",
            runSeed,
            entries,
            new RunConfig.Target(
                rel + "target-train.jsonl",
                rel + "target-validation.jsonl",
                rel + "target-test.jsonl"),
            new RunConfig.Model(
                null,
                quick
                    ? new RunConfig.Tiny(
                        ArithmeticSources.ALPHABET, 32, 1, 2, 64, 1, rel + "pretrain.jsonl")
                    : new RunConfig.Tiny(
                        ArithmeticSources.ALPHABET, 96, 3, 4, 64, 4, rel + "pretrain.jsonl")),
            new RunConfig.Lora(16, 32.0, List.of("c_attn", "c_proj", "c_fc")),
            new RunConfig.Training(quick ? 1 : 8, 1e-2, 32),
            new RunConfig.Gradients(quick ? 50 : 200, runSeed, 32, null),
            new RunConfig.Estimate(quick ? 100 : 1000, 0.5, "faithful", "below-mean", null),
            fineTune,
            new RunConfig.Fidelity(fidelitySubsets));
    Path file = runDir.resolve("run.yaml");
    try {
      AtomicFiles.writeString(file, Json.YAML.writeValueAsString(config));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
