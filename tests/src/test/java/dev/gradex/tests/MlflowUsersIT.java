package dev.gradex.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.component.settings.Setting;
import dev.gradex.component.settings.Settings;
import dev.gradex.component.settings.Surface;
import dev.gradex.core.Sha256;
import dev.gradex.local.ArithmeticSources;
import dev.gradex.tests.deploy.Tools;
import dev.gradex.tests.faults.FaultProxy;
import dev.gradex.tests.faults.FaultProxy.Action;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gradex run} as an MLflow user sees it, read back with the MLflow Python client: two runs
 * of the miniature problem (different fine-tune epochs) and an unchanged rerun of the first while
 * the server is down (buffered under the run directory, then flushed). Every setting is a param by
 * its run.yaml name (each stage only its own), the parent run carries the headline figures, the
 * selection and the datasets with their digests, the training curve's timestamps are the steps'
 * times, the registered versions load with {@code mlflow.pyfunc.load_model}, the champion alias
 * moves only on a lower validation loss, and the unchanged rerun registers nothing.
 */
@Tag("mlflow")
class MlflowUsersIT {
  private static final String EXPERIMENT = "gradex-users-it";
  private static final String MODEL = "gradex-adapter";
  private static final List<String> SOURCES =
      List.of("clean-00", "clean-01", "noisy-00", "conflict-00");

  @TempDir static Path dir;
  static MlflowServer mlflow;
  static Cli.Outcome first;
  static Cli.Outcome second;
  static Cli.Outcome rerun;
  static Path bufferFile;
  static long bufferedCalls;
  static String bufferMode;
  static JsonNode back;

  @BeforeAll
  static void runTwiceRerunWhileDownAndReadBack() throws Exception {
    mlflow = MlflowServer.start(dir.resolve("mlflow"));
    first = run(write("a", 1), mlflow.uri(), "a.log");
    second = run(write("b", 2), mlflow.uri(), "b.log");
    try (FaultProxy down =
        new FaultProxy(
            URI.create(mlflow.uri()), (i, m, p) -> Action.answer(503, "text/plain", ""))) {
      rerun = run(dir.resolve("a/run.yaml"), down.uri().toString(), "rerun.log");
    }
    Matcher m = Pattern.compile("(\\d+) calls buffered in (\\S+);").matcher(rerun.stdout());
    assertThat(m.find()).as(rerun.stdout()).isTrue();
    bufferedCalls = Long.parseLong(m.group(1));
    bufferFile = Path.of(m.group(2));
    bufferMode =
        PosixFilePermissions.toString(Files.getPosixFilePermissions(bufferFile.getParent()));
    long lines;
    try (Stream<String> l = Files.lines(bufferFile)) {
      lines = l.filter(s -> s.contains("\"seq\"")).count();
    }
    assertThat(lines).as("calls in " + bufferFile).isEqualTo(bufferedCalls);
    Cli.Outcome flush =
        Cli.runChild(
            List.of("-Xmx256m"),
            dir.resolve("flush.log"),
            5,
            "tracking",
            "flush",
            "--buffer",
            bufferFile.toString(),
            "--tracking-uri",
            mlflow.uri());
    assertThat(flush.exitCode()).as(flush.stdout()).isZero();
    back = MlflowServer.python("read_back.py", mlflow.uri(), EXPERIMENT, MODEL);
  }

  @AfterAll
  static void stop() throws Exception {
    if (mlflow != null) {
      mlflow.close();
    }
  }

  private static Path write(String name, int fineTuneEpochs) throws Exception {
    Path run = dir.resolve(name);
    Files.createDirectories(run);
    return new MiniatureRun(
            new ArithmeticSources(5, 2, 1, 1, 40, 20, 20),
            60,
            SOURCES,
            48,
            1,
            1,
            0,
            6,
            fineTuneEpochs,
            2)
        .write(run);
  }

  private static Cli.Outcome run(Path yaml, String uri, String log) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("MLFLOW_TRACKING_URI", uri);
    env.put("MLFLOW_EXPERIMENT_NAME", EXPERIMENT);
    Cli.Outcome o =
        Cli.runChild(
            List.of("-Xmx1g"),
            dir.resolve(log),
            10,
            env,
            "run",
            yaml.toString(),
            "--all-sources-baseline",
            "--target-only-baseline");
    assertThat(o.exitCode()).as(o.stdout()).isZero();
    return o;
  }

  @Test
  void everySettingIsAParamByItsRunYamlName_theParentHasAll_aStageOnlyItsOwn() {
    List<JsonNode> parents = parents();
    assertThat(parents).hasSize(3);
    for (JsonNode p : parents) {
      JsonNode params = p.path("params");
      for (Setting<?> s : Settings.on(Surface.RUN_YAML)) {
        assertThat(params.has(s.yamlKey())).as("%s on %s", s.yamlKey(), p.path("name")).isTrue();
      }
      assertThat(params.has("config")).isFalse();
      assertThat(params.path("lora.rank").asText()).isEqualTo("4");
      assertThat(params.path("gradients.dim").asText()).isEqualTo("16");
      // Not in run.yaml: the catalog's default.
      assertThat(params.path("estimate.lambda").asText())
          .isEqualTo(String.valueOf(Settings.ESTIMATE_LAMBDA.defaultValue()));
      assertThat(texts(p.path("artifacts"))).contains("run-config.yaml");
    }
    JsonNode meta = stage(parents.get(0), "meta-train").path("params");
    assertThat(meta.has("train.epochs")).isTrue();
    assertThat(meta.has("estimate.lambda")).isFalse();
    JsonNode estimate = stage(parents.get(0), "estimate-subsets").path("params");
    assertThat(estimate.has("estimate.lambda")).isTrue();
    assertThat(estimate.has("train.epochs")).isFalse();
    assertThat(stage(runOf("a"), "fine-tune").path("params").path("fineTune.epochs").asText())
        .isEqualTo("1");
    assertThat(stage(runOf("b"), "fine-tune").path("params").path("fineTune.epochs").asText())
        .isEqualTo("2");
  }

  @Test
  void everyMetricOfEveryRunIsNamedInSnakeCase() {
    List<String> names = new ArrayList<>();
    back.path("runs").forEach(r -> names.addAll(fieldNames(r.path("metrics"))));
    assertThat(names).isNotEmpty().allMatch(n -> n.matches("[a-z][a-z0-9_]*"));
  }

  @Test
  void theParentRunSummarisesTheRun_namedByTargetAndTime() throws Exception {
    for (String name : List.of("a", "b")) {
      JsonNode p = runOf(name);
      JsonNode summary =
          new ObjectMapper().readTree(dir.resolve(name + "/out/summary.json").toFile());
      assertThat(p.path("name").asText()).matches("gradex-target-\\d{8}-\\d{4}");
      JsonNode m = p.path("metrics");
      assertThat(m.path("estimated_loss_selected").asDouble())
          .isEqualTo(summary.path("estimatedLoss").asDouble());
      assertThat(m.path("final_test_loss").asDouble())
          .isEqualTo(summary.path("testLoss").asDouble());
      assertThat(m.path("selected_sources").asDouble()).isEqualTo(summary.path("selected").size());
      assertThat(m.path("total_wall_seconds").asDouble()).isPositive();
      assertThat(fieldNames(m))
          .contains(
              "measured_output_loss_selected",
              "fidelity_spearman",
              "fidelity_relative_rss",
              "all_sources_test_loss",
              "target_only_test_loss");
      List<String> selected = new ArrayList<>();
      summary.path("selected").forEach(s -> selected.add(s.asText()));
      JsonNode tags = p.path("tags");
      assertThat(tags.path("gradex.selected_sources").asText())
          .isEqualTo(String.join(",", selected));
      Set<String> rejected = new HashSet<>(SOURCES);
      rejected.removeAll(selected);
      assertThat(Set.of(tags.path("gradex.rejected_sources").asText().split(",")))
          .isEqualTo(rejected.isEmpty() ? Set.of("") : rejected);
      assertThat(tags.path("mlflow.user").asText()).isNotBlank();
      assertThat(texts(p.path("selection")))
          .contains("selection/selection.json", "selection/scores.csv", "selection/subsets.csv");
    }
  }

  @Test
  void datasetInputsCarryTheRunsDigests_onTheParentAndOnTheStagesThatReadThem() {
    JsonNode parent = runOf("a");
    Path data = dir.resolve("a/data");
    Map<String, String> context = new HashMap<>();
    Map<String, String> files = new HashMap<>();
    for (String split : List.of("train", "validation", "test")) {
      context.put("target." + split, split.equals("train") ? "training" : split);
      files.put("target." + split, "target-" + split + ".jsonl");
    }
    for (String source : SOURCES) {
      context.put(source, "source");
      files.put(source, source + ".jsonl");
    }
    Map<String, JsonNode> inputs = byName(parent.path("inputs"));
    assertThat(inputs.keySet()).containsExactlyInAnyOrderElementsOf(context.keySet());
    for (String name : context.keySet()) {
      String sha = Sha256.of(data.resolve(files.get(name)));
      JsonNode d = inputs.get(name);
      assertThat(d.path("context").asText()).as(name).isEqualTo(context.get(name));
      assertThat(sha).startsWith(d.path("digest").asText());
      assertThat(d.path("profile").asText()).contains(sha);
      assertThat(d.path("source").asText()).contains(files.get(name));
    }
    assertThat(byName(stage(parent, "meta-train").path("inputs")).keySet())
        .contains("target.train", "target.validation")
        .containsAll(SOURCES);
    assertThat(byName(stage(parent, "fine-tune").path("inputs")).keySet())
        .contains("target.train", "target.validation", "target.test");
    JsonNode store = byName(stage(parent, "estimate-subsets").path("inputs")).get("gradient-store");
    assertThat(Sha256.of(dir.resolve("a/out/gradients/manifest.json")))
        .startsWith(store.path("digest").asText());
  }

  @Test
  void trainingCurveTimestampsAreTheStepsTimes_spreadOverTheStage() {
    JsonNode meta = stage(runOf("b"), "meta-train");
    JsonNode history = back.path("histories").path(meta.path("id").asText());
    assertThat(history.size()).isGreaterThan(3);
    long firstStep = history.get(0).get(1).asLong();
    long lastStep = firstStep;
    long previous = 0;
    Set<Long> distinct = new HashSet<>();
    List<JsonNode> sorted = new ArrayList<>();
    history.forEach(sorted::add);
    sorted.sort((x, y) -> Long.compare(x.get(0).asLong(), y.get(0).asLong()));
    for (JsonNode point : sorted) {
      long t = point.get(1).asLong();
      assertThat(t).isGreaterThanOrEqualTo(previous);
      previous = t;
      distinct.add(t);
      firstStep = Math.min(firstStep, t);
      lastStep = Math.max(lastStep, t);
    }
    assertThat(distinct.size()).as(history.toString()).isGreaterThan(1);
    assertThat(firstStep).isGreaterThanOrEqualTo(meta.path("start").asLong());
    // The points were sent when the stage ended; their stamps are earlier than that.
    assertThat(lastStep).isLessThanOrEqualTo(meta.path("end").asLong());
    assertThat(lastStep - firstStep).isPositive();
  }

  @Test
  void theChampionMovesOnlyOnALowerValidationLoss_andTheUnchangedRerunRegistersNothing() {
    JsonNode versions = back.path("versions");
    assertThat(versions.size()).as(versions.toString()).isEqualTo(2);
    Map<String, JsonNode> byVersion = new HashMap<>();
    versions.forEach(v -> byVersion.put(v.path("version").asText(), v));
    JsonNode v1 = byVersion.get("1");
    JsonNode v2 = byVersion.get("2");
    assertThat(v1.path("run_id").asText()).isEqualTo(runOf("a").path("id").asText());
    assertThat(v2.path("run_id").asText()).isEqualTo(runOf("b").path("id").asText());
    double l1 = v1.path("tags").path("validation_loss").asDouble();
    double l2 = v2.path("tags").path("validation_loss").asDouble();
    assertThat(l1).isEqualTo(runOf("a").path("metrics").path("final_validation_loss").asDouble());
    JsonNode aliases = back.path("aliases");
    if (l2 < l1) {
      assertThat(aliases.path("champion").asText()).isEqualTo("2");
      assertThat(aliases.has("challenger")).as(aliases.toString()).isFalse();
      assertThat(second.stdout()).contains("Registered gradex-adapter version 2 as champion");
    } else {
      assertThat(aliases.path("champion").asText()).isEqualTo("1");
      assertThat(aliases.path("challenger").asText()).isEqualTo("2");
      assertThat(second.stdout()).contains("Registered gradex-adapter version 2 as challenger");
    }
    assertThat(first.stdout()).contains("Registered gradex-adapter version 1 as champion");
    for (JsonNode v : versions) {
      String selected = v.path("tags").path("gradex.sources").asText();
      assertThat(v.path("description").asText())
          .contains(selected.isEmpty() ? "(none)" : selected.replace(",", ", "))
          .contains(v.path("run_id").asText());
      assertThat(v.path("tags").path("gradex.model_sha256").asText()).hasSize(64);
      assertRegisteredFromItsLoggedModel(v);
    }
    assertThat(back.path("logged_models")).hasSize(2); // the unchanged rerun made none
    JsonNode loaded = back.path("loaded");
    assertThat(texts(loaded.path("flavors"))).contains("python_function");
    assertThat(loaded.path("class").asText()).isEqualTo("GradexAdapter");
    assertThat(loaded.path("peft_type").asText()).isEqualTo("LORA");
    assertThat(loaded.path("info").path("adapter_sha256").asText())
        .isEqualTo(
            byVersion
                .get(aliases.path("champion").asText())
                .path("tags")
                .path("gradex.model_sha256")
                .asText());
  }

  /**
   * MLflow 3's LoggedModel: the version's source is {@code models:/<model_id>} of a ready logged
   * model made by the version's run, holding that run's params (every setting) and its validation
   * and test loss.
   */
  private void assertRegisteredFromItsLoggedModel(JsonNode v) {
    String source = v.path("source").asText();
    assertThat(source).startsWith("models:/m-");
    JsonNode model = null;
    for (JsonNode m : back.path("logged_models")) {
      if (source.equals("models:/" + m.path("model_id").asText())) {
        model = m;
      }
    }
    assertThat(model)
        .as("logged model of %s in %s", source, back.path("logged_models"))
        .isNotNull();
    assertThat(model.path("status").asText()).contains("READY");
    assertThat(model.path("source_run_id").asText()).isEqualTo(v.path("run_id").asText());
    JsonNode run = null;
    for (JsonNode r : back.path("runs")) {
      if (r.path("id").asText().equals(v.path("run_id").asText())) {
        run = r;
      }
    }
    assertThat(run.path("params").path("lora.rank").asText()).isNotEmpty();
    JsonNode params = model.path("params");
    run.path("params")
        .fields()
        .forEachRemaining(
            e -> assertThat(params.path(e.getKey())).as(e.getKey()).isEqualTo(e.getValue()));
    assertThat(model.path("metrics").path("validation_loss").asDouble())
        .isEqualTo(v.path("tags").path("validation_loss").asDouble());
    assertThat(model.path("metrics").has("test_loss")).as(model.toString()).isTrue();
    assertThat(model.path("artifacts").toString()).contains("MLmodel");
  }

  @Test
  void theRerunWhileDownIsBufferedUnderTheRunDirectory_countedWhole_andItsStagesTaggedReused() {
    assertThat(bufferFile.startsWith(dir.resolve("a/out/.tracking")))
        .as(bufferFile.toString())
        .isTrue();
    assertThat(bufferMode).isEqualTo("rwx------");
    assertThat(bufferedCalls).isPositive();
    JsonNode again = parents().get(parents().size() - 1);
    assertThat(again.path("id").asText())
        .isNotIn(runOf("a").path("id").asText(), runOf("b").path("id").asText());
    for (String s : List.of("meta-train", "extract-gradients", "estimate-subsets", "fine-tune")) {
      assertThat(stage(again, s).path("tags").path("gradex.reused").asText())
          .as(s)
          .isEqualTo("true");
    }
    assertThat(stage(runOf("a"), "meta-train").path("tags").has("gradex.reused")).isFalse();
  }

  /**
   * The MLflow UI in headless Chromium: the experiment page, the first parent run, the meta-train
   * stage's metric charts and the registered model each render (a screenshot with many colours, a
   * DOM naming what the page is about). With {@code GRADEX_SCREENSHOTS_DIR} set the PNGs are copied
   * there (docs/screenshots).
   */
  @Test
  @Tag("browser")
  void theMlflowUiShowsTheExperimentTheRunAStagesChartsAndTheModel() throws Exception {
    String chromium = Chromium.path(dir.resolve("which.log"));
    String exp = back.path("experiment_id").asText();
    JsonNode parent = runOf("b");
    String run = parent.path("id").asText();
    String meta = stage(parent, "meta-train").path("id").asText();
    Map<String, String> pages = new java.util.LinkedHashMap<>();
    pages.put("mlflow-experiment", "#/experiments/" + exp);
    pages.put("mlflow-parent-run", "#/experiments/" + exp + "/runs/" + run);
    pages.put("mlflow-stage-metrics", "#/experiments/" + exp + "/runs/" + meta + "/model-metrics");
    pages.put("mlflow-registered-model", "#/models/" + MODEL);
    Map<String, String> expect =
        Map.of(
            "mlflow-experiment",
            EXPERIMENT,
            "mlflow-parent-run",
            parent.path("name").asText(),
            "mlflow-stage-metrics",
            "meta-train",
            "mlflow-registered-model",
            "champion");
    String copyTo = System.getenv("GRADEX_SCREENSHOTS_DIR");
    for (Map.Entry<String, String> page : pages.entrySet()) {
      String url = mlflow.uri() + "/" + page.getValue();
      Path png = dir.resolve(page.getKey() + ".png");
      Path profile = dir.resolve("chromium-" + page.getKey());
      Tools.Result shot =
          Tools.run(
              Chromium.command(
                  chromium,
                  profile,
                  "--screenshot=" + png,
                  "--window-size=1400,1000",
                  "--virtual-time-budget=20000",
                  url),
              2,
              dir.resolve(page.getKey() + ".log"));
      assertThat(shot.exitCode()).as(shot.output()).isZero();
      if (copyTo != null && !copyTo.isBlank()) {
        Files.createDirectories(Path.of(copyTo));
        Files.copy(
            png,
            Path.of(copyTo, page.getKey() + ".png"),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      BufferedImage image = ImageIO.read(png.toFile());
      Set<Integer> colours = new HashSet<>();
      for (int y = 0; y < image.getHeight(); y += 2) {
        for (int x = 0; x < image.getWidth(); x += 2) {
          colours.add(image.getRGB(x, y) & 0xffffff);
        }
      }
      assertThat(colours.size()).as(page.getKey() + " distinct colours").isGreaterThan(30);
      Tools.Result dom =
          Tools.run(
              Chromium.command(chromium, profile, "--dump-dom", "--virtual-time-budget=20000", url),
              2,
              dir.resolve(page.getKey() + ".html"));
      if (copyTo != null && !copyTo.isBlank()) {
        Files.writeString(Path.of(copyTo, page.getKey() + ".html.txt"), dom.output());
      }
      assertThat(dom.output()).as(page.getKey()).contains(expect.get(page.getKey()));
    }
  }

  /** The parent runs, oldest first. */
  private static List<JsonNode> parents() {
    List<JsonNode> out = new ArrayList<>();
    back.path("runs")
        .forEach(
            r -> {
              if (!r.path("tags").has("mlflow.parentRunId")) {
                out.add(r);
              }
            });
    out.sort((x, y) -> Long.compare(x.path("start").asLong(), y.path("start").asLong()));
    return out;
  }

  /** The parent run of the first run of directory {@code name} ("a" or "b"). */
  private static JsonNode runOf(String name) {
    return parents().get(name.equals("a") ? 0 : 1);
  }

  private static JsonNode stage(JsonNode parent, String name) {
    String id = parent.path("id").asText();
    for (JsonNode r : back.path("runs")) {
      if (r.path("tags").path("mlflow.parentRunId").asText().equals(id)
          && r.path("name").asText().equals(name)) {
        return r;
      }
    }
    throw new AssertionError("no stage " + name + " under " + id);
  }

  private static Map<String, JsonNode> byName(JsonNode inputs) {
    Map<String, JsonNode> out = new HashMap<>();
    inputs.forEach(d -> out.put(d.path("name").asText(), d));
    return out;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<String> fieldNames(JsonNode object) {
    List<String> out = new ArrayList<>();
    object.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
