package dev.gradex.estimate;

import dev.gradex.estimate.report.HtmlReport;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * report.html: a self-contained page (data and Chart.js inlined, no network) that shows a run's
 * selection, task scores, the distribution of subset losses, the loss along the ranking, the two
 * scorings against each other and the fast paths' error, so it can be opened in the Kubeflow UI.
 * Rendered by {@link HtmlReport}, which the run report of {@code gradex run} shares.
 */
final class SelectionReport {
  private SelectionReport() {}

  /** The page for {@code data} (a JSON-ready map whose fields the template reads). */
  static byte[] html(Map<String, Object> data) {
    return HtmlReport.render(SelectionReport.class, "report.html", data);
  }

  /** Histogram of values in {@code bins} equal-width bins: {"edges": [...], "counts": [...]}. */
  static Map<String, Object> histogram(double[] values, int bins) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    if (!(hi > lo)) {
      hi = lo + 1e-9;
    }
    double[] edges = new double[bins + 1];
    for (int i = 0; i <= bins; i++) {
      edges[i] = lo + (hi - lo) * i / bins;
    }
    int[] counts = new int[bins];
    for (double v : values) {
      counts[Math.min(bins - 1, (int) ((v - lo) / (hi - lo) * bins))]++;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("edges", edges);
    m.put("counts", counts);
    return m;
  }

  /** One ranked task as the page shows it. */
  record RankedTask(String task, double score, int count, double ridge) {}
}
