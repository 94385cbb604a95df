package dev.gradex.cli.bench.paper;

import dev.gradex.model.approx.ApproximationRow;
import dev.gradex.model.approx.Directions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The targets, checked on one problem's figures: relative RSS <= 1%, Spearman >= 0.8,
 * speedup >= 30x, AUROC >= 0.95, GradEx's test loss within noise of selection by real fine-tuning
 * (at most its spread over the seeds above it) and below every similarity baseline's.
 */
final class Targets {
  /** The quality methods that are similarity baselines (when present). */
  static final List<String> SIMILARITY = List.of("random", "less", "representation", "dsir");

  /**
   * One target and whether it was met.
   *
   * @param target what was aimed at
   * @param met whether the measured figure meets it
   * @param reason why not (or the figure), for tables.md
   */
  record Check(String target, boolean met, String reason) {}

  private Targets() {}

  static List<Check> check(ProblemResult r) {
    List<Check> out = new ArrayList<>();
    double rss = r.fidelity().relativeRss();
    out.add(
        at(
            "relative RSS <= 1%",
            rss <= 0.01, "relative RSS %.3g over %d subsets", rss, r.fidelity().n()));
    double rho = r.fidelity().spearman();
    out.add(
        at("Spearman >= 0.8", rho >= 0.8, "Spearman %.3f over %d subsets", rho, r.fidelity().n()));
    if (r.approximation() != null) {
      double worst = Double.NaN;
      for (ApproximationRow row : r.approximation().rows()) {
        if (Directions.FINE_TUNED.equals(row.direction())) {
          worst = Double.isNaN(worst) ? row.meanError() : Math.max(worst, row.meanError());
        }
      }
      out.add(
          at(
              "output-approximation error <= 1% (fine-tuned direction, 0.02 to 0.10)",
              worst <= 0.01, "largest mean error %.3g", worst));
    }
    double speedup = r.cost().speedup();
    out.add(at("speedup >= 30x", speedup >= 30, "speedup %.1fx (extrapolated)", speedup));
    double auroc = r.noiseAuroc();
    out.add(at("noise AUROC >= 0.95", auroc >= 0.95, "AUROC %.3f", auroc));
    ProblemResult.Quality g = r.quality().get(QualityMethod.GRADEX.name());
    ProblemResult.Quality real = r.quality().get(RealFineTuning.NAME);
    if (real != null) {
      // noise: GradEx's spread over the seeds (real selection is measured on the first seed)
      double gap = g.testLoss().mean() - real.testLoss().mean();
      double noise = g.testLoss().std();
      out.add(
          at(
              "GradEx within noise of selection by real fine-tuning",
              gap <= noise,
              "GradEx %.4f vs real fine-tuning %.4f (seed 1, best of %d fine-tuned subsets):"
                  + " gap %.4f, GradEx's spread over seeds %.4f",
              g.testLoss().mean(),
              real.testLoss().mean(),
              r.points().stream().filter(p -> !"selection".equals(p.kind())).count(),
              gap,
              noise));
    }
    List<String> behind = new ArrayList<>();
    List<String> present = new ArrayList<>();
    for (Map.Entry<String, ProblemResult.Quality> e : r.quality().entrySet()) {
      if (SIMILARITY.contains(e.getKey())) {
        present.add(e.getKey());
        if (!(g.testLoss().mean() < e.getValue().testLoss().mean())) {
          behind.add(
              String.format(Locale.ROOT, "%s %.4f", e.getKey(), e.getValue().testLoss().mean()));
        }
      }
    }
    if (present.isEmpty()) {
      out.add(
          new Check(
              "GradEx ahead of every similarity baseline",
              false,
              "not measured: no similarity baseline in this build"));
    } else {
      out.add(
          new Check(
              "GradEx ahead of every similarity baseline",
              behind.isEmpty(),
              behind.isEmpty()
                  ? String.format(
                      Locale.ROOT,
                      "GradEx %.4f ahead of %s",
                      g.testLoss().mean(),
                      String.join(", ", present))
                  : String.format(
                      Locale.ROOT,
                      "GradEx %.4f not ahead of %s",
                      g.testLoss().mean(),
                      String.join(", ", behind))));
    }
    return out;
  }

  private static Check at(String target, boolean met, String format, Object... args) {
    return new Check(target, met, String.format(Locale.ROOT, format, args));
  }
}
