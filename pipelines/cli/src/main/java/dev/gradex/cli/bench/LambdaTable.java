package dev.gradex.cli.bench;

import java.util.Locale;

/** The Markdown table {@code gradex bench lambda} prints, one row per setting. */
final class LambdaTable {
  private LambdaTable() {}

  static String render(FinishedRun run, java.util.List<LambdaSweep.Setting> settings) {
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
    sb.append(
        "| lambda | norm cap | Spearman | Kendall | relative RSS | mean rel. error |"
            + " mean ||Pw||/||theta*|| (m subsets) | selected | fhat(sel.) | f(sel.) |\n");
    sb.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (LambdaSweep.Setting s : settings) {
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %.3f | %.3f | %.3g | %.3g | %s | %s | %.4f | %s |%n",
              BenchLambdaCommand.format(s.lambda()),
              cap(s.normCap()),
              s.spearman(),
              s.kendallTauB(),
              s.relativeRss(),
              s.meanRelativeError(),
              BenchLambdaCommand.format(s.meanRelativeNorm()),
              s.selected().isEmpty() ? "(none)" : String.join(" ", s.selected()),
              s.selectedEstimate(),
              s.selectedMeasured() == null
                  ? "not fine-tuned"
                  : String.format(Locale.ROOT, "%.4f", s.selectedMeasured())));
    }
    return sb.toString();
  }

  private static String cap(double c) {
    return Double.isNaN(c) ? "none" : BenchLambdaCommand.format(c);
  }
}
