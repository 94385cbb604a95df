package dev.gradex.cli.bench.paper;

import dev.gradex.cli.bench.approx.OutputApproximation;
import dev.gradex.model.approx.ApproximationRow;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** tables.md: the markdown tables for BENCHMARKS.md, one section per problem. */
final class Tables {
  private Tables() {}

  static String render(
      List<ProblemResult> results, Map<String, Object> machine, double wall, String command) {
    StringBuilder sb = new StringBuilder();
    sb.append("Command: `").append(command).append("`  \n");
    sb.append("Machine: ").append(Machine.line(machine)).append("  \n");
    sb.append(String.format(Locale.ROOT, "Wall time of this invocation: %.1f s%n%n", wall));
    for (ProblemResult r : results) {
      problem(sb, r);
    }
    return sb.toString();
  }

  private static void problem(StringBuilder sb, ProblemResult r) {
    sb.append("### ").append(r.name()).append(" (").append(r.sources()).append(" sources)\n\n");
    sb.append("Parts (this invocation, s): ");
    r.partSeconds().forEach((k, v) -> sb.append(String.format(Locale.ROOT, "%s %.1f; ", k, v)));
    sb.append("\n\nStages (s; per stage the largest over seeds and sittings): ");
    r.stageSeconds().forEach((k, v) -> sb.append(String.format(Locale.ROOT, "%s %.1f; ", k, v)));
    sb.append("\n\n");
    sb.append("Fidelity (")
        .append(r.budgetSteps())
        .append(" optimizer steps for every fine-tune):\n\n");
    sb.append("| subsets | relative RSS | Spearman | Kendall tau-b |\n|---:|---:|---:|---:|\n");
    sb.append(
        String.format(
            Locale.ROOT,
            "| %d | %.3g | %.3f | %.3f |%n%n",
            r.fidelity().n(),
            r.fidelity().relativeRss(),
            r.fidelity().spearman(),
            r.fidelity().kendallTauB()));
    approximation(sb, r.approximation());
    CostModel c = r.cost();
    sb.append("Cost (selection by real fine-tuning EXTRAPOLATED from the mean of ")
        .append(c.timedFineTunes())
        .append(" timed subset fine-tunes, not run):\n\n");
    sb.append(
        "| GradEx s (meta-train + gradients + 1000 estimates + final fine-tune) | mean subset fine-tune s | real selection m = 1000, s | speedup | greedy forward n(n+1)/2, s | speedup |\n|---:|---:|---:|---:|---:|---:|\n");
    sb.append(
        String.format(
            Locale.ROOT,
            "| %.1f | %.1f | %.0f | %.1fx | %.0f | %.1fx |%n%n",
            c.gradexSeconds(),
            c.meanFineTuneSeconds(),
            c.realSelectionSeconds(),
            c.speedup(),
            c.greedySeconds(),
            c.greedySpeedup()));
    if (r.estimatedSubsets() != 1000) {
      sb.append(
          String.format(
              Locale.ROOT,
              "The run estimated %d subsets; its estimate time is scaled linearly to 1000.%n%n",
              r.estimatedSubsets()));
    }
    sb.append(
        "Quality (target test loss over seeds; accuracy only for a classification target):\n\n");
    sb.append(
        "| method | seeds | sources chosen | test loss mean | test loss std | accuracy mean |\n|---|---:|---|---:|---:|---:|\n");
    for (Map.Entry<String, ProblemResult.Quality> e : r.quality().entrySet()) {
      ProblemResult.Quality q = e.getValue();
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %s | %.4f | %.4f | %s |%n",
              e.getKey(),
              q.testLoss().n(),
              q.sizes(),
              q.testLoss().mean(),
              q.testLoss().std(),
              Double.isFinite(q.accuracy().mean())
                  ? String.format(Locale.ROOT, "%.3f", q.accuracy().mean())
                  : "n/a"));
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "%nNoise detection: AUROC of the task scores, planted harmful vs clean: %.3f (per seed %s)%n%n",
            r.noiseAuroc(),
            r.noiseAurocBySeed()));
    sb.append(
        "Sensitivity (one knob at a time from the run's setting; first seed). Spearman and relative"
            + " RSS score fhat of the fidelity points, which m and alpha do not change; the surrogate"
            + " columns score the ridge fit to the m sampled subsets predicting those points:\n\n");
    sb.append(
        "| knob | value | Spearman | relative RSS | surrogate Spearman | surrogate rel. RSS | mean rel. norm | selected | test loss |\n|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Sensitivity.Row s : r.sensitivity()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %.3f | %.3g | %.3f | %.3g | %.3g | %d | %.4f |%n",
              s.knob(),
              s.value(),
              s.spearman(),
              s.relativeRss(),
              s.surrogateSpearman(),
              s.surrogateRelativeRss(),
              s.meanRelativeNorm(),
              s.selected().size(),
              s.testLoss()));
    }
    sb.append("\n");
    sb.append("Targets:\n\n| target | met | figure / reason |\n|---|---|---|\n");
    for (Targets.Check t : Targets.check(r)) {
      sb.append("| ")
          .append(t.target())
          .append(" | ")
          .append(t.met() ? "yes" : "**MISSED**")
          .append(" | ")
          .append(t.reason())
          .append(" |\n");
    }
    sb.append("\n");
  }

  /** The output-approximation error table (the paper's first fidelity measure). */
  private static void approximation(StringBuilder sb, OutputApproximation.Measurement m) {
    sb.append(
        String.format(
            Locale.ROOT,
            "Output-approximation error (mean over %d target validation examples of"
                + " ((|b + g^T delta - o(theta* + delta)|) / max(|o(theta* + delta)|, |b|))^2;"
                + " fine-tuned: %d steps continued from theta* with the %s recipe; random: a seeded"
                + " Gaussian direction; no change: the error of o(theta* + delta) ~ b; %.0f s):%n%n",
            m.examples(),
            m.steps(),
            m.recipe(),
            m.seconds()));
    sb.append(
        "| direction | relative distance | mean error | median error | no-change error |\n"
            + "|---|---:|---:|---:|---:|\n");
    for (ApproximationRow row : m.rows()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %.2f | %.3g | %.3g | %.3g |%n",
              row.direction(),
              row.relativeDistance(),
              row.meanError(),
              row.medianError(),
              row.constantError()));
    }
    sb.append("\n");
  }
}
