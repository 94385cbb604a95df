package dev.gradex.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.model.train.TrainingCurves;
import dev.gradex.tests.deploy.Tools;
import java.awt.image.BufferedImage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A miniature {@code gradex run} (tiny decoder, 4 sources with planted roles, 3 fidelity subsets,
 * the all-sources baseline) with a real MLflow server: the run writes curves, fidelity.json and
 * report.html from its own outputs; the report renders in headless Chromium (a non-blank screenshot
 * in which the charts' colours appear, every chart canvas marked as drawn by Chart.js); MLflow
 * holds the training curve step by step, the fidelity figures and the report.
 */
@Tag("mlflow")
class RunReportIT {
  private static final List<String> CHARTS =
      List.of("scores", "fidelity", "curves-meta-train", "curves-fine-tune");

  @TempDir static Path dir;
  static MlflowServer mlflow;
  static Path out;
  static Cli.Outcome run;

  @BeforeAll
  static void runMiniaturePipelineWithMlflow() throws Exception {
    mlflow = MlflowServer.start(dir.resolve("mlflow"));
    MiniatureRun.fourSmallSources(2, 2, 3).write(dir);
    // Without the default norm cap, the miniature's default lambda leaves the linear regime.
    Path yaml = dir.resolve("run.yaml");
    Files.writeString(
        yaml,
        Files.readString(yaml).replace("select: best-prefix}", "select: best-prefix, normCap: 0}"));
    run =
        Cli.runChild(
            List.of("-Xmx1g"),
            dir.resolve("run.log"),
            10,
            Map.of(
                "MLFLOW_TRACKING_URI", mlflow.uri(), "MLFLOW_EXPERIMENT_NAME", "gradex-report-it"),
            "run",
            dir.resolve("run.yaml").toString(),
            "--truth",
            dir.resolve("data/truth.json").toString(),
            "--all-sources-baseline");
    assertThat(run.exitCode()).as(run.stdout()).isZero();
    out = dir.resolve("out");
  }

  @AfterAll
  static void stopMlflow() throws Exception {
    mlflow.close();
  }

  @Test
  void runWritesCurvesFidelityAndAReportBuiltFromThem() throws Exception {
    for (String stage : List.of("meta-train", "fine-tune", "fine-tune-all-sources")) {
      TrainingCurves c = TrainingCurves.read(out.resolve(stage).resolve(TrainingCurves.FILE));
      // 2 epochs of ceil(examples / 16) steps, each step once.
      assertThat(c.steps()).isNotEmpty();
      assertThat(c.steps().get(c.steps().size() - 1).step()).isEqualTo(c.steps().size());
      assertThat(c.epochs()).hasSize(2);
      JsonNode manifest = json(out.resolve(stage).resolve("manifest.json"));
      assertThat(manifest.path("files").has("curves.csv")).as(stage).isTrue();
    }
    JsonNode fine = json(out.resolve("fine-tune/metrics.json"));
    assertThat(fine.path("validation_output_loss").asDouble()).isPositive().isFinite();

    JsonNode fidelity = json(out.resolve("fidelity.json"));
    JsonNode points = fidelity.path("points");
    Set<String> kinds = new HashSet<>();
    points.forEach(p -> kinds.add(p.path("kind").asText()));
    // The target alone always; the best single source unless it is the selection.
    assertThat(kinds).contains("target only", "sampled subset", "selection");
    assertThat(points.size()).isBetween(3, 5);
    // An equal budget: every fidelity point takes as many optimizer steps as the final fine-tune.
    long steps = fine.path("train_steps").asLong();
    assertThat(steps).isPositive();
    assertThat(fidelity.path("budget").asText())
        .contains(steps + " optimizer steps", "2 epoch(s)", "equal budget in steps");
    int planned = 0;
    for (JsonNode p : points) {
      planned +=
          Set.of("target only", "best single source", "sampled subset")
                  .contains(p.path("kind").asText())
              ? 1
              : 0;
    }
    try (var dirs = Files.list(out.resolve("fidelity"))) {
      List<Path> ids = dirs.filter(Files::isDirectory).toList();
      assertThat(ids).hasSize(planned);
      for (Path id : ids) {
        assertThat(json(id.resolve("metrics.json")).path("train_steps").asLong())
            .as(id.toString())
            .isEqualTo(steps);
      }
    }
    assertThat(fidelity.path("n").asInt()).isEqualTo(points.size());
    for (JsonNode p : points) {
      assertThat(p.path("estimatedLoss").asDouble()).isFinite().isPositive();
      assertThat(p.path("measuredLoss").asDouble()).isFinite().isPositive();
    }
    for (JsonNode p : points) {
      if (p.path("kind").asText().equals("selection")) {
        assertThat(p.path("measuredLoss").asDouble())
            .isEqualTo(fine.path("validation_output_loss").asDouble());
      }
    }

    String html = Files.readString(out.resolve("report.html"));
    assertThat(html).doesNotContain("src=\"http", "href=\"http", "/*DATA*/", "/*CHARTJS*/");
    for (String chart : CHARTS) {
      assertThat(html).contains("id=\"" + chart + "\"");
    }
    assertThat(run.stdout())
        .contains("measured f", "fidelity:", "report:", out.resolve("report.html").toString());
  }

  @Test
  void reportShowsTheRegimeWarningTheBaselinesAndEveryEffectiveSetting() throws Exception {
    JsonNode summary = json(out.resolve("summary.json"));
    JsonNode selection = json(out.resolve("estimate/selection.json"));
    // The miniature's default lambda leaves the linear regime; the estimate said so.
    assertThat(selection.path("warnings").toString()).contains("linear-regime bound");
    assertThat(summary.path("warnings")).isEqualTo(selection.path("warnings"));
    String html = Files.readString(out.resolve("report.html"));
    assertThat(html).contains("linear-regime bound", "id=\"warnings\"", "id=\"models\"");
    // Defaults the run.yaml left out are in the configuration table, marked as defaults.
    assertThat(html)
        .contains(
            "{\"key\":\"estimate.lambda\",\"value\":\"0.01\",\"origin\":\"default\"}",
            "{\"key\":\"estimate.normCap\",\"value\":\"off\",\"origin\":\"run.yaml\"}",
            "{\"key\":\"fidelity.subsets\",\"value\":\"3\",\"origin\":\"run.yaml\"}");
    // train and fineTune agree here, so the all-sources baseline is theta*, not a second training.
    assertThat(json(out.resolve("fine-tune-all-sources/metrics.json")).path("reused_theta").asInt())
        .isEqualTo(1);
  }

  @Test
  @Tag("browser")
  void reportRendersItsChartsInHeadlessChromium() throws Exception {
    String chromium = chromium();
    Path png = dir.resolve("report.png");
    String url = out.resolve("report.html").toUri().toString();
    Tools.Result shot =
        Tools.run(
            browser(chromium, "--screenshot=" + png, "--window-size=1280,2400", url),
            2,
            dir.resolve("screenshot.log"));
    assertThat(shot.exitCode()).as(shot.output()).isZero();
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(1280);
    int nonWhite = 0;
    int blue = 0;
    int red = 0;
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y) & 0xffffff;
        colours.add(rgb);
        nonWhite += rgb == 0xffffff ? 0 : 1;
        blue += near(rgb, 0x2186eb) ? 1 : 0; // selection / epoch-mean train loss
        red += near(rgb, 0xe12d39) ? 1 : 0; // validation loss, diagonal
      }
    }
    double fraction = nonWhite / (double) (image.getWidth() * image.getHeight());
    System.out.printf(
        "report.png: %.1f%% non-white, %d colours, %d blue and %d red chart pixels%n",
        100 * fraction, colours.size(), blue, red);
    assertThat(fraction).as("non-white fraction").isGreaterThan(0.03);
    assertThat(colours.size()).as("distinct colours").isGreaterThan(50);
    assertThat(blue).as("chart blue pixels").isGreaterThan(100);
    assertThat(red).as("chart red pixels").isGreaterThan(100);

    Tools.Result dom = Tools.run(browser(chromium, "--dump-dom", url), 2, dir.resolve("dom.html"));
    assertThat(dom.exitCode()).isZero();
    for (String chart : CHARTS) {
      assertThat(dom.output())
          .as("canvas " + chart + " drawn by Chart.js")
          .containsPattern(
              Pattern.compile("<canvas id=\"" + chart + "\"[^>]*data-rendered=\"true\""));
    }
    assertThat(dom.output()).contains("data-charts-rendered=\"" + CHARTS.size() + "\"");
    assertThat(dom.output()).contains("planted role", "Run configuration", "clean-00");
    assertThat(dom.output()).contains("Final model and baselines", "reused theta* of meta-train");
    // Table cells are rounded for display (4 significant digits), not printed in full.
    assertThat(dom.output()).doesNotContainPattern("<td[^>]*>-?[0-9]+\\.[0-9]{5,}</td>");
    assertThat(dom.output()).containsPattern("<td[^>]*>2\\.[0-9]{1,3}</td>");
  }

  @Test
  void mlflowHoldsTheTrainingCurveStepByStepThroughputEstimatorStatisticsFidelityAndReport()
      throws Exception {
    assertThat(run.stdout()).contains("calls delivered");
    String exp =
        get("/api/2.0/mlflow/experiments/get-by-name?experiment_name="
                + URLEncoder.encode("gradex-report-it", StandardCharsets.UTF_8))
            .path("experiment")
            .path("experiment_id")
            .asText();
    JsonNode runs = post("/api/2.0/mlflow/runs/search", Map.of("experiment_ids", List.of(exp)));
    String metaTrain = runId(runs, "meta-train");
    JsonNode history = history(metaTrain, "train_loss");
    TrainingCurves curves = TrainingCurves.read(out.resolve("meta-train/curves.csv"));
    assertThat(history.size()).isEqualTo(curves.steps().size());
    Set<Long> steps = new HashSet<>();
    history.forEach(m -> steps.add(m.path("step").asLong()));
    assertThat(steps).hasSize(curves.steps().size()).contains(1L, (long) curves.steps().size());
    assertThat(history(metaTrain, "epoch_validation_loss").size()).isEqualTo(2);

    JsonNode extract =
        get("/api/2.0/mlflow/runs/get?run_id=" + runId(runs, "extract-gradients")).path("run");
    assertThat(extract.path("data").path("metrics").toString())
        .contains(
            "gradient_examples_per_s",
            "gradient_supervised_tokens_per_s",
            "gradient_batches_recomputed");
    JsonNode estimate =
        get("/api/2.0/mlflow/runs/get?run_id=" + runId(runs, "estimate-subsets")).path("run");
    assertThat(estimate.path("data").path("metrics").toString())
        .contains(
            "estimator_converged_fraction",
            "estimator_mean_iterations",
            "estimator_median_loss",
            "estimator_mean_relative_norm",
            "estimate_warnings");
    // The out-of-regime warning, on the estimate stage and on the parent run.
    assertThat(tag(estimate, "gradex.warnings")).contains("linear-regime bound");
    JsonNode parent = get("/api/2.0/mlflow/runs/get?run_id=" + runId(runs, PARENT)).path("run");
    assertThat(tag(parent, "gradex.warnings")).isEqualTo(tag(estimate, "gradex.warnings"));

    String report = runId(runs, "report");
    JsonNode reportRun = get("/api/2.0/mlflow/runs/get?run_id=" + report).path("run");
    assertThat(reportRun.path("data").path("metrics").toString())
        .contains("fidelity_relative_rss", "fidelity_subsets", "measured_output_loss_selected");
    assertThat(get("/api/2.0/mlflow/artifacts/list?run_id=" + report).path("files").toString())
        .contains("report.html", "fidelity.json", "fidelity.csv");
  }

  /**
   * Rerunning the same run directory (into another experiment) reuses every stage, and each stage
   * run logs the same metric names as the fresh one did: all of them but this process's throughput,
   * which a stage that computed nothing has none of.
   */
  @Test
  void aResumedRunLogsTheSameStageMetricNamesAsTheFreshOneButThroughput() throws Exception {
    JsonNode first = json(out.resolve("summary.json")).path("seconds");
    Cli.Outcome again =
        Cli.runChild(
            List.of("-Xmx1g"),
            dir.resolve("rerun.log"),
            10,
            Map.of(
                "MLFLOW_TRACKING_URI",
                mlflow.uri(),
                "MLFLOW_EXPERIMENT_NAME",
                "gradex-report-it-rerun"),
            "run",
            dir.resolve("run.yaml").toString(),
            "--truth",
            dir.resolve("data/truth.json").toString(),
            "--all-sources-baseline");
    assertThat(again.exitCode()).as(again.stdout()).isZero();
    assertThat(again.stdout()).contains("(already complete: reused)");
    // summary.json keeps each reused stage's real timing and adds this run's.
    JsonNode summary = json(out.resolve("summary.json"));
    for (String stage : List.of("meta_train", "fine_tune")) {
      double original = first.path(stage).asDouble();
      assertThat(original).as(stage).isPositive();
      assertThat(summary.path("seconds").path(stage).asDouble()).as(stage).isEqualTo(original);
      assertThat(summary.path("thisRunSeconds").path(stage).asDouble())
          .as(stage)
          .isLessThan(original);
    }

    Map<String, Set<String>> fresh = metricNames("gradex-report-it");
    Map<String, Set<String>> resumed = metricNames("gradex-report-it-rerun");

    assertThat(resumed.keySet())
        .isEqualTo(fresh.keySet())
        .contains(
            "meta-train",
            "extract-gradients",
            "estimate-subsets",
            "fine-tune",
            "fine-tune-all-sources",
            "report");
    for (String stage : fresh.keySet()) {
      Set<String> deterministic = new java.util.TreeSet<>(fresh.get(stage));
      deterministic.removeIf(RunReportIT::throughput);
      Set<String> rerun = new java.util.TreeSet<>(resumed.get(stage));
      rerun.removeIf(RunReportIT::throughput);
      if (stage.equals(PARENT)) {
        // the logged model's metrics, logged on the parent run only when a version is registered:
        // the unchanged rerun's adapter is already a version, so it registers (and logs) nothing
        assertThat(deterministic).contains("validation_loss", "test_loss");
        deterministic.removeAll(Set.of("validation_loss", "test_loss"));
      }
      assertThat(rerun).as(stage).isEqualTo(deterministic);
    }
    assertThat(fresh.get("meta-train")).contains("train_seconds", "train_examples_per_s");
    assertThat(resumed.get("meta-train"))
        .contains(
            "validation_loss",
            "best_epoch",
            "train_examples",
            "train_steps",
            "reused_theta",
            "train_loss",
            "epoch_validation_loss")
        .doesNotContain("validationLoss", "train_seconds");
    assertThat(resumed.get("fine-tune"))
        .contains("test_loss", "validation_output_loss", "train_steps", "selected_sources");
    assertThat(resumed.get("extract-gradients"))
        .contains("examples", "validation_examples", "dim")
        .doesNotContain("gradient_examples_per_s", "gradient_seconds");
  }

  /** Throughput figures of the process that computed (rates, seconds, work done). */
  private static boolean throughput(String metric) {
    return metric.startsWith("gradient_")
        || metric.equals("truncated_examples")
        || metric.matches("train_(examples_per_s|input_tokens_per_s|padded_tokens_per_s)")
        || metric.matches("train_(padding_ratio|seconds|supervised_tokens)");
  }

  /** Each run's metric names in {@code experiment}, by run name. */
  private static Map<String, Set<String>> metricNames(String experiment) throws Exception {
    String exp =
        get("/api/2.0/mlflow/experiments/get-by-name?experiment_name="
                + URLEncoder.encode(experiment, StandardCharsets.UTF_8))
            .path("experiment")
            .path("experiment_id")
            .asText();
    JsonNode runs = post("/api/2.0/mlflow/runs/search", Map.of("experiment_ids", List.of(exp)));
    Map<String, Set<String>> names = new java.util.TreeMap<>();
    for (JsonNode r : runs.path("runs")) {
      String name = name(r);
      Set<String> keys = new java.util.TreeSet<>();
      r.path("data").path("metrics").forEach(m -> keys.add(m.path("key").asText()));
      assertThat(names.put(name, keys)).as("two runs named " + name).isNull();
    }
    return names;
  }

  private static String chromium() throws Exception {
    return Chromium.path(log("which"));
  }

  private static List<String> browser(String chromium, String... args) {
    return Chromium.command(chromium, dir.resolve("chromium-profile"), args);
  }

  private static boolean near(int rgb, int target) {
    int d = 0;
    for (int shift = 0; shift <= 16; shift += 8) {
      d = Math.max(d, Math.abs(((rgb >> shift) & 0xff) - ((target >> shift) & 0xff)));
    }
    return d <= 12;
  }

  /** A metric's points (MLflow 3 returns none without max_results). */
  private static JsonNode history(String runId, String key) throws Exception {
    return get("/api/2.0/mlflow/metrics/get-history?max_results=1000&run_id="
            + runId
            + "&metric_key="
            + key)
        .path("metrics");
  }

  private static String tag(JsonNode run, String key) {
    for (JsonNode t : run.path("data").path("tags")) {
      if (t.path("key").asText().equals(key)) {
        return t.path("value").asText();
      }
    }
    throw new AssertionError("no tag " + key + " in " + run.path("data").path("tags"));
  }

  /**
   * What {@link #runId} and {@link #metricNames} call the parent run (named by target and time).
   */
  private static final String PARENT = "(parent)";

  private static String runId(JsonNode runs, String stage) {
    for (JsonNode r : runs.path("runs")) {
      if (name(r).equals(stage)) {
        return r.path("info").path("run_id").asText();
      }
    }
    throw new AssertionError("no run named " + stage + " in " + runs);
  }

  /** A run's {@code mlflow.runName}, or {@link #PARENT} for the run the stages nest under. */
  private static String name(JsonNode run) {
    String name = "";
    boolean nested = false;
    for (JsonNode t : run.path("data").path("tags")) {
      nested |= t.path("key").asText().equals("mlflow.parentRunId");
      if (t.path("key").asText().equals("mlflow.runName")) {
        name = t.path("value").asText();
      }
    }
    return nested ? name : PARENT;
  }

  private static Path log(String name) throws Exception {
    return Files.createTempFile(dir, name, ".log");
  }

  private static JsonNode json(Path file) throws Exception {
    return new ObjectMapper().readTree(file.toFile());
  }

  private static JsonNode get(String path) throws Exception {
    return mlflow.get(path);
  }

  private static JsonNode post(String path, Object body) throws Exception {
    return mlflow.post(path, body);
  }
}
