package dev.gradex.estimate.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gradex.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

/**
 * Renders a report page: a template (a classpath resource) whose placeholders, block comments
 * holding a name, are replaced: {@code REPORT_CSS} by the shared style sheet, {@code CHARTJS} by
 * Chart.js from its webjar, {@code REPORT_JS} by the shared script (formatting and table helpers,
 * the task-score chart, and a Chart.js plugin that marks each canvas {@code data-rendered="true"}
 * once drawn) and {@code DATA} by the page's data as JSON. The page needs no network, so it opens
 * in the Kubeflow UI and as an MLflow artifact.
 */
public final class HtmlReport {
  private static final String CHARTJS_POM =
      "/META-INF/maven/org.webjars.npm/chart.js/pom.properties";

  private HtmlReport() {}

  /**
   * The page of template {@code name} (resolved like {@link Class#getResourceAsStream} against
   * {@code anchor}) for {@code data}, a JSON-ready map whose fields the template reads.
   */
  public static byte[] render(Class<?> anchor, String name, Map<String, ?> data) {
    String json;
    try {
      // "</" would end the script element early; "<\/" is the same string to JavaScript.
      json = Json.JSON.writeValueAsString(data).replace("</", "<\\/");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    String page =
        resource(anchor, name)
            .replace("/*REPORT_CSS*/", resource(HtmlReport.class, "report.css"))
            .replace("/*CHARTJS*/", chartJs())
            .replace("/*REPORT_JS*/", resource(HtmlReport.class, "report.js"))
            .replace("/*DATA*/", json);
    return page.getBytes(StandardCharsets.UTF_8);
  }

  private static String chartJs() {
    Properties pom = new Properties();
    try (InputStream in = HtmlReport.class.getResourceAsStream(CHARTJS_POM)) {
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
    return resource(HtmlReport.class, path).replace("</script", "<\\/script");
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
}
