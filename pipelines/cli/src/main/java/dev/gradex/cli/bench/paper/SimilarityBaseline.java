package dev.gradex.cli.bench.paper;

import dev.gradex.baselines.BaselineInputs;
import dev.gradex.baselines.Baselines;
import dev.gradex.baselines.SelectionMethod;
import java.util.Arrays;
import java.util.List;

/**
 * A similarity baseline of {@code dev.gradex.baselines} (random, LESS-style, representation,
 * DSIR-style) as a quality method: the top sources of the run by that method, as many as GradEx
 * selected, seeded with the run's seed.
 *
 * @param method the baseline
 */
record SimilarityBaseline(SelectionMethod method) implements QualityMethod {
  /** Every baseline, in the baselines' order. */
  static List<QualityMethod> all() {
    return Arrays.stream(SelectionMethod.values())
        .<QualityMethod>map(SimilarityBaseline::new)
        .toList();
  }

  @Override
  public String name() {
    return method.cliName();
  }

  @Override
  public List<String> select(FinishedSeedRun run) {
    return Baselines.select(
            method, BaselineInputs.fromRun(run.dir()), run.summary().selected().size(), run.seed())
        .selected();
  }
}
