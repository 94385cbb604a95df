package dev.gradex.cli.bench.paper;

import dev.gradex.local.ArithmeticSources;
import dev.gradex.local.RunConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Problem 1, the paper's own synthetic check (Li et al., arXiv 2409.19458): 3-digit addition with
 * chain-of-thought steps as the target and 20 sources of {@link ArithmeticSources} (8 clean, 4
 * noisy, 4 with a conflicting rule, 4 of irrelevant text in the same alphabet) on the demo's tiny
 * decoder. The quick variant is a miniature (8 sources, fewer examples, shorter training).
 */
final class SyntheticPaperProblem extends PaperProblem {
  static final String NAME = "synthetic";
  private static final long DATA_SEED = 7;
  private final boolean quick;

  SyntheticPaperProblem(boolean quick) {
    super(NAME, quick ? 4 : 30, quick ? 12 : 320, List.of("noisy", "conflicting"), "clean");
    this.quick = quick;
  }

  private ArithmeticSources sources() {
    return quick
        ? new ArithmeticSources(DATA_SEED, 3, 2, 2, 1, 30, 30, 40)
        : new ArithmeticSources(DATA_SEED, 8, 4, 4, 4, 200, 60, 150);
  }

  @Override
  Path prepare(Path problemDir, Path runDir, long runSeed, int fidelitySubsets) {
    Path data = problemDir.resolve("data");
    ArithmeticSources problem = sources();
    if (!Files.isRegularFile(data.resolve("truth.json"))) {
      problem.write(data);
      problem.writeFormatCorpus(data.resolve("pretrain.jsonl"), quick ? 150 : 1500);
    }
    String pretrain = data.toAbsolutePath().normalize().resolve("pretrain.jsonl").toString();
    List<String> names = problem.sources().stream().map(ArithmeticSources.Source::name).toList();
    return write(
        runDir,
        new RunConfig(
            ".",
            runSeed,
            sources(data, names),
            target(data),
            new RunConfig.Model(
                null,
                quick
                    ? new RunConfig.Tiny(ArithmeticSources.ALPHABET, 32, 1, 2, 64, 1, pretrain)
                    : new RunConfig.Tiny(ArithmeticSources.ALPHABET, 96, 3, 4, 64, 4, pretrain)),
            new RunConfig.Lora(16, 32.0, List.of("c_attn", "c_proj", "c_fc")),
            new RunConfig.Training(quick ? 1 : 8, 1e-2, 32),
            new RunConfig.Gradients(quick ? 50 : 200, runSeed, 32, null),
            new RunConfig.Estimate(quick ? 100 : 1000, 0.5, "faithful", "below-mean", null),
            // 8 epochs as written when problem 1 was first run; maxSteps sets the budget
            new RunConfig.Training(8, 1e-2, 32, budgetSteps(), null, null, null),
            new RunConfig.Fidelity(fidelitySubsets)));
  }
}
