package dev.gradex.estimate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * report.html: a self-contained page (data and Chart.js inlined, no network) that shows a run's
 * selection, task scores, the distribution of subset losses, the loss along the ranking, the two
 * scorings against each other and the fast paths' error, so it can be opened in the Kubeflow UI.
 */
final class SelectionReport {
  private static final String CHARTJS_POM =
      "/META-INF/maven/org.webjars.npm/chart.js/pom.properties";

  private SelectionReport() {}

  /** The page for {@code data} (a JSON-ready map whose fields the template reads). */
  static byte[] html(Map<String, Object> data) {
    String page = resource(SelectionReport.class, "report.html");
    String json;
    try {
      // "</" would end the script element early; "<\/" is the same string to JavaScript.
      json = new ObjectMapper().writeValueAsString(data).replace("</", "<\\/");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    page = page.replace("/*CHARTJS*/", chartJs()).replace("/*DATA*/", json);
    return page.getBytes(StandardCharsets.UTF_8);
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

  private static String chartJs() {
    Properties pom = new Properties();
    try (InputStream in = SelectionReport.class.getResourceAsStream(CHARTJS_POM)) {
      if (in == null) {
        throw new IllegalStateException("Chart.js webjar missing from the classpath");
      }
      pom.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String path =
        "/META-INF/resources/webjars/chart.js/"
            + pom.getProperty("version")
            + "/dist/chart.umd.min.js";
    return resource(SelectionReport.class, path).replace("</script", "<\\/script");
  }

  private static String resource(Class<?> anchor, String name) {
    try (InputStream in = anchor.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + name + " missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One ranked task as the page shows it. */
  record RankedTask(String task, double score, int count, double ridge) {}
}
