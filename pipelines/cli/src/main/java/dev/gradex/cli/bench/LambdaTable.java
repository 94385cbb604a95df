package dev.gradex.cli.bench;

import dev.gradex.cli.bench.sweep.FinishedRun;
import dev.gradex.cli.bench.sweep.LambdaSweep;
import java.util.List;
import java.util.Locale;

/** The Markdown table {@code gradex bench lambda} prints, one row per setting. */
final class LambdaTable {
  private LambdaTable() {}

  static String render(FinishedRun run, List<LambdaSweep.Setting> settings) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "%s: %d fidelity points, run lambda %s, norm cap %s, rule %s over %d subsets%n%n",
            run.dir(),
            run.points().size(),
            BenchLambdaCommand.format(run.estimate().lambda()),
            cap(run.estimate().normCap()),
            run.estimate().select(),
            run.estimate().subsets()));
    Double reproduced = reproduction(run, settings);
    if (reproduced != null) {
      sb.append(
          String.format(
              Locale.ROOT,
              "At the run's own setting the sweep reproduces fidelity.json's fhat within %.2g.%n%n",
              reproduced));
    }
    sb.append(
        "| lambda | norm cap | Spearman | Spearman (>= 2 sources) | Kendall | relative RSS | mean rel. error |"
            + " mean rel. norm (m subsets) | regime warning | selected | fhat(sel.) | f(sel.) |\n");
    sb.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (LambdaSweep.Setting s : settings) {
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %.3f | %.3f | %.3f | %.3g | %.3g | %s | %s | %s | %.4f | %s |%n",
              BenchLambdaCommand.format(s.lambda()),
              cap(s.normCap()),
              s.spearman(),
              s.spearmanMultiSource(),
              s.kendallTauB(),
              s.relativeRss(),
              s.meanRelativeError(),
              BenchLambdaCommand.format(s.meanRelativeNorm()),
              s.warnings().isEmpty() ? "no" : "yes",
              s.selected().isEmpty() ? "(none)" : String.join(" ", s.selected()),
              s.selectedEstimate(),
              s.selectedMeasured() == null
                  ? "not fine-tuned"
                  : String.format(Locale.ROOT, "%.4f", s.selectedMeasured())));
    }
    return sb.toString();
  }

  /**
   * The largest |fhat - fidelity.json's fhat| over the points at the run's own lambda and norm cap,
   * or null when the sweep did not include that setting: a check that the sweep re-estimates what
   * the run estimated.
   */
  static Double reproduction(FinishedRun run, List<LambdaSweep.Setting> settings) {
    for (LambdaSweep.Setting s : settings) {
      boolean sameCap =
          Double.isNaN(s.normCap())
              ? Double.isNaN(run.estimate().normCap())
              : s.normCap() == run.estimate().normCap();
      if (s.lambda() == run.estimate().lambda() && sameCap) {
        double max = 0;
        for (int i = 0; i < s.estimates().length; i++) {
          max = Math.max(max, Math.abs(s.estimates()[i] - run.points().get(i).estimatedLoss()));
        }
        return max;
      }
    }
    return null;
  }

  private static String cap(double c) {
    return Double.isNaN(c) ? "none" : BenchLambdaCommand.format(c);
  }
}
