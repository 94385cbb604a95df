package dev.gradex.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.tests.faults.FaultProxy;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With MLFLOW_TRACKING_URI set, estimate-subsets logs into a real MLflow server (installed from
 * PyPI, started on loopback): the effective configuration as params, the store as a dataset input
 * with its digest, the headline metrics, and the output files as artifacts; the extract-gradients
 * component logs its gradient throughput; promote moves the champion alias. Read back through
 * MLflow's REST API.
 */
@Tag("mlflow")
class EstimateSubsetsMlflowIT {
  @TempDir static Path dir;
  static MlflowServer mlflow;
  static String uri;

  @BeforeAll
  static void startServer() throws Exception {
    mlflow = MlflowServer.start(dir.resolve("mlflow"));
    uri = mlflow.uri();
  }

  @AfterAll
  static void stopServer() throws Exception {
    mlflow.close();
  }

  @Test
  void estimateSubsetsLogsParamsMetricsInputsAndArtifacts() throws Exception {
    Path store = dir.resolve("store");
    Cli.synthStore(store, 1200, 12, 16, 3, 6);
    Path out = dir.resolve("out");
    Cli.Outcome o =
        Cli.runChild(
            List.of("-Xmx512m"),
            dir.resolve("run.log"),
            5,
            tracking("gradex-it"),
            "estimate-subsets",
            "--store",
            store.toString(),
            "--out",
            out.toString(),
            "--subsets",
            "40",
            "--seed",
            "1",
            "--metrics-out",
            dir.resolve("metrics.json").toString());
    assertThat(o.exitCode()).as(o.stderr()).isZero();
    assertThat(o.stdout()).as("tracking summary").contains("calls delivered");

    JsonNode runs = runsOf("gradex-it");
    JsonNode stage = null;
    for (JsonNode r : runs.path("runs")) {
      for (JsonNode t : r.path("data").path("tags")) {
        if (t.path("key").asText().equals("mlflow.runName")
            && t.path("value").asText().contains("estimate-subsets")
            && hasTag(r, "mlflow.parentRunId")) {
          stage = r;
        }
      }
    }
    assertThat(stage).as("nested estimate-subsets run in " + runs).isNotNull();
    JsonNode metrics = new ObjectMapper().readTree(dir.resolve("metrics.json").toFile());
    assertThat(value(stage.path("data").path("metrics"), "estimated_loss_selected").asDouble())
        .isEqualTo(metrics.path("estimated_loss_selected").asDouble());
    assertThat(value(stage.path("data").path("params"), "settings.subsets").asText())
        .isEqualTo("40");
    String digest = dev.gradex.core.Sha256.of(store.resolve("manifest.json"));
    assertThat(stage.path("inputs").path("dataset_inputs").toString())
        .contains("gradient-store", digest);
    String runId = stage.path("info").path("run_id").asText();
    JsonNode artifacts =
        get("/api/2.0/mlflow/artifacts/list?run_id=" + runId + "&path=estimate-subsets");
    assertThat(artifacts.path("files").toString())
        .contains("selection.json", "subsets.csv", "scores.csv", "report.html", "manifest.json");
  }

  /**
   * A component whose server is down (a proxy answering 503 in front of the real server) buffers
   * under its own output directory, mode 0700, not in a shared temporary directory; {@code
   * GRADEX_TRACKING_BUFFER_DIR} still chooses another place.
   */
  @Test
  void aComponentBuffersUnderItsOutputWhileTheServerIsDown_orWhereTheSettingSays()
      throws Exception {
    Path store = dir.resolve("store-down");
    Cli.synthStore(store, 300, 6, 8, 2, 3);
    Path out = dir.resolve("out-down");
    Path buffered = estimateWhileDown(store, out, Map.of());
    assertThat(buffered.getParent()).isEqualTo(out.resolve(".tracking"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(buffered.getParent())))
        .isEqualTo("rwx------");
    Path chosen = dir.resolve("chosen-buffer");
    Path elsewhere =
        estimateWhileDown(
            store,
            dir.resolve("out-down-2"),
            Map.of("GRADEX_TRACKING_BUFFER_DIR", chosen.toString()));
    assertThat(elsewhere.getParent()).isEqualTo(chosen);
    assertThat(dir.resolve("out-down-2/.tracking")).doesNotExist();
  }

  /** Runs estimate-subsets with its server answering 503; the buffer file it names. */
  private static Path estimateWhileDown(Path store, Path out, Map<String, String> extra)
      throws Exception {
    try (FaultProxy down =
        new FaultProxy(
            URI.create(uri), (i, m, p) -> FaultProxy.Action.answer(503, "text/plain", ""))) {
      Map<String, String> env = new HashMap<>(tracking("gradex-down"));
      env.put("MLFLOW_TRACKING_URI", down.uri().toString());
      env.putAll(extra);
      Cli.Outcome o =
          Cli.runChild(
              List.of("-Xmx256m"),
              out.resolveSibling(out.getFileName() + ".log"),
              5,
              env,
              "estimate-subsets",
              "--store",
              store.toString(),
              "--out",
              out.toString(),
              "--subsets",
              "10",
              "--seed",
              "1");
      assertThat(o.exitCode()).as(o.stderr()).isZero();
      Matcher m = Pattern.compile("(\\d+) calls buffered in (\\S+);").matcher(o.stdout());
      assertThat(m.find()).as(o.stdout()).isTrue();
      Path file = Path.of(m.group(2));
      assertThat(file).isRegularFile();
      return file;
    }
  }

  /**
   * The extract-gradients container's own main, with MLFLOW_TRACKING_URI set, logs a nested stage
   * run with its settings and the gradient throughput, on the inputs a miniature local run made.
   */
  @org.junit.jupiter.api.Test
  void extractGradientsComponentLogsItsThroughput() throws Exception {
    Path run = dir.resolve("miniature");
    Files.createDirectories(run);
    Path yaml =
        new MiniatureRun(
                new dev.gradex.local.ArithmeticSources(5, 1, 1, 0, 40, 20, 20),
                60,
                List.of("clean-00", "noisy-00"),
                48,
                1,
                1,
                0,
                4,
                1,
                0)
            .write(run);
    Cli.Outcome local =
        Cli.runChild(List.of("-Xmx1g"), dir.resolve("local.log"), 5, "run", yaml.toString());
    assertThat(local.exitCode()).as(local.stdout()).isZero();
    Path out = run.resolve("out");
    Cli.Outcome o =
        Cli.runChild(
            "dev.gradex.extract.ExtractGradientsMain",
            List.of("-Xmx1g"),
            dir.resolve("extract.log"),
            5,
            tracking("gradex-extract-it"),
            "--sources",
            out.resolve("sources").toString(),
            "--base-model",
            out.resolve("base-model").toString(),
            "--adapter",
            out.resolve("meta-train").toString(),
            "--store-out",
            dir.resolve("component-store").toString(),
            "--dim",
            "16");
    assertThat(o.exitCode()).as(o.stdout()).isZero();
    assertThat(o.stdout()).contains("calls delivered");
    JsonNode runs = runsOf("gradex-extract-it");
    JsonNode stage = null;
    for (JsonNode r : runs.path("runs")) {
      if (hasTag(r, "mlflow.parentRunId")) {
        stage = r;
      }
    }
    assertThat(stage).as("nested extract-gradients run in " + runs).isNotNull();
    JsonNode metrics = stage.path("data").path("metrics");
    assertThat(value(metrics, "gradient_examples_per_s").asDouble()).isPositive();
    assertThat(value(metrics, "gradient_supervised_tokens_per_s").asDouble()).isPositive();
    assertThat(value(metrics, "gradient_batches_recomputed").asDouble()).isZero();
    assertThat(value(metrics, "examples").asDouble()).isPositive();
    assertThat(value(stage.path("data").path("params"), "settings.dim").asText()).isEqualTo("16");
  }

  /**
   * The promote step registers as {@code gradex run} does: chosen on validation loss (the test
   * loss, better in the second adapter, does not decide), the unchanged adapter is not registered
   * twice, a better one takes champion and challenger is dropped, checkpoints stay out, and the
   * champion loads with the Python client's {@code mlflow.pyfunc.load_model}.
   */
  @org.junit.jupiter.api.Test
  void promoteChoosesOnValidationLossSkipsAKnownDigestAndRegistersALoadableModel()
      throws Exception {
    String model = "gradex-it-model";
    String[][] runs = {
      // adapter, validation loss, test loss, expected alias, expected version
      {"a", "0.5", "0.9", "champion", "1"},
      {"b", "0.7", "0.1", "challenger", "2"},
      {"a", "0.5", "0.9", "already-registered", "1"},
      {"c", "0.4", "0.8", "champion", "3"}
    };
    for (int i = 0; i < runs.length; i++) {
      Path adapter = adapter(runs[i][0]);
      Path metrics = dir.resolve("metrics-" + i + ".json");
      Files.writeString(
          metrics, "{\"validation_loss\": " + runs[i][1] + ", \"test_loss\": " + runs[i][2] + "}");
      Path summary = dir.resolve("promote-" + i + ".json");
      Cli.Outcome o =
          Cli.runChild(
              List.of("-Xmx256m"),
              dir.resolve("promote-" + i + ".log"),
              5,
              Map.of("MLFLOW_EXPERIMENT_NAME", "gradex-promote"),
              "promote",
              "--adapter",
              adapter.toString(),
              "--metrics",
              metrics.toString(),
              "--mlflow-tracking-uri",
              uri,
              "--registered-model-name",
              model,
              "--summary-out",
              summary.toString());
      assertThat(o.exitCode()).as(o.stdout()).isZero();
      JsonNode s = new ObjectMapper().readTree(summary.toFile());
      assertThat(s.path("alias").asText()).as("run %d", i).isEqualTo(runs[i][3]);
      assertThat(s.path("version").asText()).as("run %d", i).isEqualTo(runs[i][4]);
      assertThat(s.path("test_loss").asDouble()).isEqualTo(Double.parseDouble(runs[i][2]));
      assertThat(o.stderr())
          .contains("registered " + model + " version " + runs[i][4] + " (" + runs[i][3] + ")");
    }
    JsonNode back = MlflowServer.python("read_back.py", uri, "gradex-promote", model);
    assertThat(back.path("versions")).hasSize(3);
    assertThat(back.path("aliases").path("champion").asText()).isEqualTo("3");
    assertThat(back.path("aliases").has("challenger")).as(back.toString()).isFalse();
    for (JsonNode v : back.path("versions")) {
      assertThat(v.path("tags").path("gradex.loss_metric").asText()).isEqualTo("validation_loss");
      assertThat(v.path("tags").path("gradex.model_sha256").asText()).hasSize(64);
      assertThat(v.path("tags").has("test_loss")).isTrue();
    }
    assertLoggedModels(back, model, runs);
    JsonNode loaded = back.path("loaded");
    assertThat(loaded.path("flavors").toString()).contains("python_function");
    assertThat(loaded.path("peft_type").asText()).isEqualTo("LORA");
    List<String> artifacts = new java.util.ArrayList<>();
    back.path("runs").forEach(r -> r.path("artifacts").forEach(a -> artifacts.add(a.asText())));
    // one package per promote run (the parent runs have none), never the raw adapter directory
    assertThat(artifacts).containsOnly("model").hasSize(runs.length);
    String champion =
        get("/api/2.0/mlflow/registered-models/alias?name=" + model + "&alias=champion")
            .path("model_version")
            .path("run_id")
            .asText();
    JsonNode files =
        get("/api/2.0/mlflow/artifacts/list?run_id=" + champion + "&path=model/adapter");
    assertThat(files.toString()).contains("adapter_config.json").doesNotContain("checkpoint");
  }

  /**
   * Each registered version comes from an MLflow 3 LoggedModel, as the Python client sees it:
   * ready, named after the registered model, produced by the promote run, holding that run's
   * params, the validation and test loss linked to it, and the package; the version's source is
   * {@code models:/<model_id>}. The unchanged adapter made no logged model.
   */
  private static void assertLoggedModels(JsonNode back, String model, String[][] runs) {
    Map<String, JsonNode> byId = new HashMap<>();
    back.path("logged_models").forEach(m -> byId.put(m.path("model_id").asText(), m));
    assertThat(byId).as(back.path("logged_models").toString()).hasSize(3);
    Map<String, JsonNode> runsById = new HashMap<>();
    back.path("runs").forEach(r -> runsById.put(r.path("id").asText(), r));
    for (JsonNode v : back.path("versions")) {
      // MLflow 3.5.1's registry store keeps no model_id column: the source is the link
      assertThat(v.path("source").asText()).startsWith("models:/m-");
      String id = v.path("source").asText().substring("models:/".length());
      JsonNode m = byId.get(id);
      assertThat(m).as("logged model %s of version %s", id, v.path("version")).isNotNull();
      assertThat(m.path("name").asText()).isEqualTo(model);
      assertThat(m.path("status").asText()).contains("READY");
      assertThat(m.path("source_run_id").asText()).isEqualTo(v.path("run_id").asText());
      // the promote run logs no params of its own; the registration's are added to the run's
      JsonNode runParams = runsById.get(v.path("run_id").asText()).path("params");
      runParams
          .fields()
          .forEachRemaining(
              e -> assertThat(m.path("params").path(e.getKey())).isEqualTo(e.getValue()));
      assertThat(m.path("params").path("model.loss_metric").asText()).isEqualTo("validation_loss");
      assertThat(m.path("params").has("model.trained_on")).as(m.toString()).isTrue();
      assertThat(m.path("params").has("model.target")).as(m.toString()).isTrue();
      assertThat(m.path("artifacts").toString()).contains("MLmodel").contains("adapter");
      String[] expected = rowOf(runs, v.path("version").asText());
      assertThat(m.path("metrics").path("validation_loss").asDouble())
          .isEqualTo(Double.parseDouble(expected[1]));
      assertThat(m.path("metrics").path("test_loss").asDouble())
          .isEqualTo(Double.parseDouble(expected[2]));
      assertThat(m.path("tags").path("gradex.model_sha256").asText())
          .isEqualTo(v.path("tags").path("gradex.model_sha256").asText());
    }
  }

  /** The promote run that registered {@code version}. */
  private static String[] rowOf(String[][] runs, String version) {
    for (String[] r : runs) {
      if (r[4].equals(version) && !r[3].equals("already-registered")) {
        return r;
      }
    }
    throw new AssertionError("no run registered version " + version);
  }

  /**
   * A server without the LoggedModel API (its create endpoint answers 404, as MLflow 2.x does,
   * through a proxy in front of the real server): the version is registered from the run artifact
   * {@code model}, still loadable with {@code mlflow.pyfunc.load_model}.
   */
  @org.junit.jupiter.api.Test
  void withoutTheLoggedModelApiTheVersionIsRegisteredFromTheRunArtifact() throws Exception {
    String model = "gradex-it-fallback";
    Path metrics = dir.resolve("metrics-fallback.json");
    Files.writeString(metrics, "{\"validation_loss\": 0.3, \"test_loss\": 0.6}");
    try (FaultProxy old =
        new FaultProxy(
            URI.create(uri),
            (i, m, p) ->
                p.startsWith("/api/2.0/mlflow/logged-models")
                    ? FaultProxy.Action.answer(404, "text/html", "<h1>Not Found</h1>")
                    : FaultProxy.Action.forward())) {
      Cli.Outcome o =
          Cli.runChild(
              List.of("-Xmx256m"),
              dir.resolve("promote-fallback.log"),
              5,
              Map.of("MLFLOW_EXPERIMENT_NAME", "gradex-fallback"),
              "promote",
              "--adapter",
              adapter("f").toString(),
              "--metrics",
              metrics.toString(),
              "--mlflow-tracking-uri",
              old.uri().toString(),
              "--registered-model-name",
              model,
              "--summary-out",
              dir.resolve("promote-fallback.json").toString());
      assertThat(o.exitCode()).as(o.stdout() + o.stderr()).isZero();
      assertThat(old.count("POST", "/api/2.0/mlflow/logged-models")).isEqualTo(1);
      assertThat(old.count("PATCH", "")).isZero();
    }
    JsonNode back = MlflowServer.python("read_back.py", uri, "gradex-fallback", model);
    assertThat(back.path("logged_models")).isEmpty();
    JsonNode v = back.path("versions").get(0);
    assertThat(v.path("source").asText()).startsWith("mlflow-artifacts:/").endsWith("/model");
    assertThat(back.path("aliases").path("champion").asText()).isEqualTo("1");
    assertThat(back.path("loaded").path("peft_type").asText()).isEqualTo("LORA");
  }

  /** An adapter directory named {@code name}, with a resume checkpoint that must not be shipped. */
  private static Path adapter(String name) throws Exception {
    Path adapter = dir.resolve("adapter-" + name);
    Files.createDirectories(adapter.resolve("checkpoint-1"));
    Files.writeString(
        adapter.resolve("adapter_config.json"),
        "{\"peft_type\": \"LORA\", \"base_model_name_or_path\": \"" + name + "\"}");
    Files.writeString(adapter.resolve("checkpoint-1").resolve("optimizer.bin"), "state");
    return adapter;
  }

  /** Every run of {@code experiment}, as MLflow's runs/search returns them. */
  private static JsonNode runsOf(String experiment) throws Exception {
    String expId =
        get("/api/2.0/mlflow/experiments/get-by-name?experiment_name="
                + URLEncoder.encode(experiment, StandardCharsets.UTF_8))
            .path("experiment")
            .path("experiment_id")
            .asText();
    return post("/api/2.0/mlflow/runs/search", Map.of("experiment_ids", List.of(expId)));
  }

  /** The environment that points a child process at the test server and {@code experiment}. */
  private static Map<String, String> tracking(String experiment) {
    Map<String, String> env = new HashMap<>();
    env.put("MLFLOW_TRACKING_URI", uri);
    env.put("MLFLOW_EXPERIMENT_NAME", experiment);
    return env;
  }

  private static boolean hasTag(JsonNode run, String key) {
    for (JsonNode t : run.path("data").path("tags")) {
      if (t.path("key").asText().equals(key)) {
        return true;
      }
    }
    return false;
  }

  private static JsonNode value(JsonNode list, String key) {
    for (JsonNode n : list) {
      if (n.path("key").asText().equals(key)) {
        return n.path("value");
      }
    }
    throw new AssertionError(key + " not in " + list);
  }

  private static JsonNode get(String path) throws Exception {
    return mlflow.get(path);
  }

  private static JsonNode post(String path, Object body) throws Exception {
    return mlflow.post(path, body);
  }
}
