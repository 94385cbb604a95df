package dev.gradex.cli.bench.paper;

import dev.gradex.local.RunSummary;
import java.nio.file.Path;
import java.util.List;

/**
 * A way of choosing the sources for the final fine-tune, compared in the quality table. Every
 * method's choice is fine-tuned with the run's recipe and budget ({@link FineTuneCache}).
 */
interface QualityMethod {
  /** The method's key in paper.json. */
  String name();

  /**
   * The sources this method chooses for a finished run.
   *
   * @param run the finished run
   */
  List<String> select(FinishedSeedRun run) throws Exception;

  /** False for a method measured on the first seed only (it needs that seed's fidelity sample). */
  default boolean everySeed() {
    return true;
  }

  /**
   * A finished run a method chooses for.
   *
   * @param dir the run directory
   * @param summary what the run produced
   * @param seed the run's seed
   * @param sources every candidate source, in run.yaml's order
   */
  record FinishedSeedRun(Path dir, RunSummary summary, long seed, List<String> sources) {}

  /** GradEx's selection (the run's rule over the ensemble scores). */
  QualityMethod GRADEX = of("gradex", r -> r.summary().selected());

  /** Every source. */
  QualityMethod ALL_SOURCES = of("all_sources", FinishedSeedRun::sources);

  /** The target alone. */
  QualityMethod TARGET_ONLY = of("target_only", r -> List.of());

  /** GradEx with the ridge surrogate's scores instead of the ensemble's (the run's rule). */
  QualityMethod GRADEX_RIDGE = new GradexVariant("gradex_ridge", null, "ridge");

  /** GradEx's forward stepwise search on fhat (ensemble scoring). */
  QualityMethod GRADEX_FORWARD = new GradexVariant("gradex_forward", "forward", null);

  /**
   * Selection by real fine-tuning, as far as the run affords it: of the subsets the first seed
   * really fine-tuned for its fidelity check (the sampled subsets, the target alone, the best
   * single source and all sources; not GradEx's own selection), the one with the lowest measured
   * target validation loss f(S). Seed 1 only: the other seeds fine-tune two subsets.
   */
  QualityMethod REAL_FINE_TUNING = new RealFineTuning();

  /** The methods available without the similarity baselines. */
  List<QualityMethod> BUILT_IN =
      List.of(GRADEX, GRADEX_RIDGE, GRADEX_FORWARD, ALL_SOURCES, TARGET_ONLY, REAL_FINE_TUNING);

  /** A chooser function as a method. */
  interface Chooser {
    List<String> select(FinishedSeedRun run) throws Exception;
  }

  static QualityMethod of(String name, Chooser chooser) {
    return new QualityMethod() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public List<String> select(FinishedSeedRun run) throws Exception {
        return chooser.select(run);
      }
    };
  }
}
