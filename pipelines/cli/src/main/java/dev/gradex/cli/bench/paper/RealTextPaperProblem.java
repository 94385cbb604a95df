package dev.gradex.cli.bench.paper;

import dev.gradex.local.RunConfig;
import dev.gradex.local.problems.RealTextLayout;
import dev.gradex.local.problems.RealTextProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Problem 2: spam filtering on real text with a pretrained encoder (all-MiniLM-L6-v2), the target
 * SpamAssassin {@code spam-1} vs {@code easy-ham-1} and 13 sources from the registry-shipped
 * corpora ({@link RealTextLayout#PAPER}: other SpamAssassin collections, State of the Union party,
 * Brown Corpus genre pairs, and planted label-flipped and random-label copies), texts cut to 200
 * characters. Every fine-tune takes the same 40 optimizer steps of batch 16. The quick variant is
 * {@link RealTextLayout#PAPER_QUICK} with 4-step fine-tunes.
 */
final class RealTextPaperProblem extends PaperProblem {
  static final String NAME = "real-text";
  private static final long DATA_SEED = 7;
  private final boolean quick;
  private final Path corpora;
  private final Path encoder;

  /**
   * @param corpora the directory tests/setup/corpora.sh prints
   * @param encoder the all-MiniLM-L6-v2 directory tests/setup/model-fixtures.sh prints
   */
  RealTextPaperProblem(boolean quick, Path corpora, Path encoder) {
    super(NAME, quick ? 4 : 15, quick ? 4 : 40, List.of("harmful"), "helpful");
    this.quick = quick;
    this.corpora = corpora;
    this.encoder = encoder;
  }

  private RealTextLayout layout() {
    return quick ? RealTextLayout.PAPER_QUICK : RealTextLayout.PAPER;
  }

  @Override
  Path prepare(Path problemDir, Path runDir, long runSeed, int fidelitySubsets) {
    Path data = problemDir.resolve("data");
    if (!Files.isRegularFile(data.resolve("truth.json"))) {
      RealTextProblem.builder()
          .setCorpora(corpora)
          .setModelDir(encoder)
          .setOut(problemDir)
          .optSeed(DATA_SEED)
          .optLayout(layout())
          .build()
          .write();
    }
    return write(
        runDir,
        new RunConfig(
            ".",
            runSeed,
            sources(data, layout().sourceNames()),
            target(data),
            new RunConfig.Model(encoder.toAbsolutePath().normalize().toString(), null),
            new RunConfig.Lora(8, 16.0, null),
            new RunConfig.Training(quick ? 1 : 2, 2e-3, 16),
            new RunConfig.Gradients(quick ? 50 : 200, runSeed, 16, null),
            new RunConfig.Estimate(quick ? 100 : 1000, 0.5, null, null, null),
            fineTune(2e-3, 16),
            new RunConfig.Fidelity(fidelitySubsets)));
  }
}
