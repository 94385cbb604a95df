package dev.gradex.cli.bench.paper;

import dev.gradex.cli.bench.sweep.FinishedRun;
import java.util.Comparator;
import java.util.List;

/**
 * {@link QualityMethod#REAL_FINE_TUNING}: the best really fine-tuned subset of the run's fidelity
 * check by measured target validation loss, GradEx's own selection left out so the choice is made
 * by fine-tuning alone.
 */
final class RealFineTuning implements QualityMethod {
  static final String NAME = "real_fine_tuning";

  /** fidelity.json's kind of the point that is GradEx's selection. */
  private static final String SELECTION_KIND = "selection";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean everySeed() {
    return false;
  }

  @Override
  public List<String> select(FinishedSeedRun run) {
    return FinishedRun.read(run.dir()).points().stream()
        .filter(p -> !SELECTION_KIND.equals(p.kind()))
        .min(Comparator.comparingDouble(FinishedRun.Point::measuredLoss))
        .map(FinishedRun.Point::members)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    run.dir().resolve("fidelity.json")
                        + " has no fine-tuned subset but the selection"));
  }
}
