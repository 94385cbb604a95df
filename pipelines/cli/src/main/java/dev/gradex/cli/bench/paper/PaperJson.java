package dev.gradex.cli.bench.paper;

import dev.gradex.model.approx.ApproximationRow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * paper.json in the schema: {@code {"problems": {NAME: {"fidelity": {"relative_rss",
 * "spearman", "kendall", "subsets"}, "cost": {"gradex_s", "real_selection_s", "speedup"},
 * "quality": {METHOD: {"test_loss_mean", "test_loss_std", "accuracy_mean"}}, "noise_auroc"}},
 * "machine", "wall_s"}}, with the first problem's four parts also at the top level; a few further
 * keys beside them (greedy cost, sensitivity, part timings). Non-finite figures are written as
 * null.
 */
final class PaperJson {
  private PaperJson() {}

  static Map<String, Object> of(
      List<ProblemResult> results, Map<String, Object> machine, double wall) {
    Map<String, Object> json = new LinkedHashMap<>();
    Map<String, Object> problems = new LinkedHashMap<>();
    for (ProblemResult r : results) {
      problems.put(r.name(), problem(r));
    }
    if (!results.isEmpty()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> first = (Map<String, Object>) problems.get(results.get(0).name());
      for (String k : List.of("fidelity", "cost", "quality", "noise_auroc")) {
        json.put(k, first.get(k));
      }
    }
    json.put("problems", problems);
    json.put("machine", machine);
    json.put("wall_s", wall);
    return json;
  }

  private static Map<String, Object> problem(ProblemResult r) {
    Map<String, Object> p = new LinkedHashMap<>();
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("relative_rss", num(r.fidelity().relativeRss()));
    f.put("spearman", num(r.fidelity().spearman()));
    f.put("kendall", num(r.fidelity().kendallTauB()));
    f.put("subsets", r.fidelity().n());
    f.put("budget_steps", r.budgetSteps());
    List<Map<String, Object>> approx = new java.util.ArrayList<>();
    for (ApproximationRow row : r.approximation().rows()) {
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("direction", row.direction());
      a.put("relative_distance", row.relativeDistance());
      a.put("mean_error", num(row.meanError()));
      a.put("median_error", num(row.medianError()));
      a.put("no_change_error", num(row.constantError()));
      a.put("examples", row.examples());
      approx.add(a);
    }
    f.put("output_approximation", approx);
    p.put("fidelity", f);
    Map<String, Object> c = new LinkedHashMap<>();
    CostModel cm = r.cost();
    c.put("gradex_s", num(cm.gradexSeconds()));
    c.put("real_selection_s", num(cm.realSelectionSeconds()));
    c.put("speedup", num(cm.speedup()));
    c.put("greedy_forward_s", num(cm.greedySeconds()));
    c.put("greedy_speedup", num(cm.greedySpeedup()));
    c.put("mean_fine_tune_s", num(cm.meanFineTuneSeconds()));
    c.put("timed_fine_tunes", cm.timedFineTunes());
    c.put(
        "extrapolated",
        "real_selection_s = mean_fine_tune_s x 1000, greedy_forward_s = mean_fine_tune_s x n(n+1)/2; neither was run");
    p.put("cost", c);
    Map<String, Object> q = new LinkedHashMap<>();
    for (Map.Entry<String, ProblemResult.Quality> e : r.quality().entrySet()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("test_loss_mean", num(e.getValue().testLoss().mean()));
      m.put("test_loss_std", num(e.getValue().testLoss().std()));
      m.put("accuracy_mean", num(e.getValue().accuracy().mean()));
      m.put("seeds", e.getValue().testLoss().n());
      m.put("sizes", e.getValue().sizes());
      q.put(e.getKey(), m);
    }
    p.put("quality", q);
    p.put("noise_auroc", num(r.noiseAuroc()));
    p.put("noise_auroc_by_seed", r.noiseAurocBySeed().stream().map(PaperJson::num).toList());
    p.put("sensitivity", r.sensitivity());
    p.put("part_seconds", r.partSeconds());
    p.put("stage_seconds", r.stageSeconds());
    return p;
  }

  static Double num(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
