package dev.gradex.tests.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradex.cli.GradexCli;
import dev.gradex.component.CommandLines;
import dev.gradex.local.ArithmeticSources;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.arch.HfModels;
import dev.gradex.model.arch.TinyDecoder;
import dev.gradex.model.data.SourceSet;
import dev.gradex.model.tokenizer.CharTokenizerJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compiled {@code pipelines/gradex-pipeline.yaml}, unchanged, runs from start to end under the
 * official kfp SDK's local runner ({@code kfp.local.DockerRunner}) with the real component images
 * built by Jib (the {@code images} profile), on podman's Docker-compatible API ({@code podman
 * system service}), on a miniature problem made here. This is an independent KFP runner: it
 * resolves the loop, the collected shards, the placeholders and the executor input with the SDK's
 * own code.
 *
 * <ul>
 *   <li>Every step runs: importers, meta-train, one extract-gradients per shard, merge-stores,
 *       estimate-subsets, fine-tune and promote (no MLflow server given: it writes its summary).
 *   <li>Its selection and final adapter equal what {@code gradex run} gives on the same problem
 *       with the same settings, in one process outside any container.
 *   <li>A second run with unchanged inputs is served from kfp.local's cache for every step after
 *       the importers (kfp.local keys its cache on the component, image, command, arguments and
 *       input artifacts, which is the backend's rule less the MLMD ids).
 * </ul>
 *
 * <p>The only code between the SDK and podman is the shim in {@code
 * tests/python/kfp/local_pipeline.py} around two defects of podman 4.3's Docker API (see there).
 */
@Tag("images")
class KfpLocalPipelineIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> STAGES =
      List.of("meta-train", "extract-gradients", "estimate-subsets", "fine-tune");
  private static final List<String> SOURCES =
      List.of("clean-00", "clean-01", "noisy-00", "conflict-00");
  private static final int SHARDS = 2;

  @TempDir Path dir;

  @Test
  void compiledPipeline_runsUnderKfpLocal_equalsGradexRun_andIsServedFromCacheTheSecondTime()
      throws Exception {
    List<Path> tars = STAGES.stream().map(KfpLocalPipelineIT::tar).toList();
    Podman podman = Podman.withImageTar(tars.get(0));
    for (Path tar : tars) {
      if (!Files.isRegularFile(tar)) {
        Tools.unavailable(tar + " is missing: build with -Pimages");
      }
    }
    String python = Tools.setup("kfp-fixtures.sh").get("KFP_PYTHON");
    Path pipeline = Tools.root().resolve("pipelines/gradex-pipeline.yaml");

    Path root = Files.createDirectories(dir.resolve("root"));
    Path sources = writeProblem(Files.createDirectories(root.resolve("inputs/sources")));
    Path base = tinyBase(Files.createDirectories(root.resolve("inputs/base")));
    openForAll(dir);

    List<String> tagged = new ArrayList<>();
    try {
      for (int i = 0; i < STAGES.size(); i++) {
        String loaded = podman.load(tars.get(i));
        String ref = imageOf(pipeline, STAGES.get(i));
        Tools.Result tag = Tools.run(podman.command("tag", loaded, ref));
        assertThat(tag.exitCode()).as(tag.output()).isZero();
        tagged.add(ref);
        tagged.add(loaded);
      }
      // podman's Docker-compatible API with podman.sh's flags and the lowered ulimits.
      String dockerHost = Tools.setup("podman-service.sh").get("DOCKER_HOST");

      Path request = dir.resolve("request.json");
      ObjectNode req = JSON.createObjectNode();
      req.put("pipeline", pipeline.toString());
      req.put("pipeline_root", root.toString());
      req.put("runs", 2);
      req.set("arguments", JSON.valueToTree(arguments(sources, base)));
      JSON.writeValue(request.toFile(), req);
      Path result = dir.resolve("result.json");
      Path log = dir.resolve("kfp-local.log");
      ProcessBuilder pb =
          new ProcessBuilder(
                  python,
                  Tools.root().resolve("tests/python/kfp/local_pipeline.py").toString(),
                  request.toString(),
                  result.toString())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      pb.environment().put("DOCKER_HOST", dockerHost);
      Process p = pb.start();
      boolean done = p.waitFor(40, TimeUnit.MINUTES);
      if (!done) {
        p.destroyForcibly();
      }
      String output = Files.readString(log);
      assertThat(done && p.exitValue() == 0)
          .as("kfp.local run failed:\n%s", Tools.tail(output))
          .isTrue();

      JsonNode runs = JSON.readTree(result.toFile()).get("runs");
      List<String> steps =
          List.of(
              "comp-meta-train",
              "comp-merge-stores",
              "comp-estimate-subsets",
              "comp-fine-tune",
              "comp-promote");
      List<String> first = strings(runs.get(0).get("executed"));
      assertThat(first).containsAll(steps);
      assertThat(first.stream().filter("comp-extract-gradients"::equals)).hasSize(SHARDS);
      List<String> second = strings(runs.get(1).get("executed"));
      assertThat(second).as("second run, unchanged inputs: nothing runs again").isEmpty();
      assertThat(strings(runs.get(1).get("cache_hits"))).containsAll(steps);

      Path kfpSelection = Path.of(only(runs.get(0), "estimate-subsets", "selection"));
      Path kfpAdapter = Path.of(only(runs.get(0), "fine-tune", "adapter"));
      Path local = gradexRun(sources, base);
      JsonNode kfpSel = JSON.readTree(kfpSelection.resolve("selection.json").toFile());
      JsonNode localSel = JSON.readTree(local.resolve("estimate/selection.json").toFile());
      assertThat(strings(kfpSel.get("selected")))
          .as("selection under kfp.local = gradex run")
          .isNotEmpty()
          .isEqualTo(strings(localSel.get("selected")));
      // The fine-tune stage's output is the artifact: the adapter sits in its adapter/ folder.
      assertThat(Files.readAllBytes(kfpAdapter.resolve("adapter/adapter_model.safetensors")))
          .as("final adapter under kfp.local = gradex run, bitwise")
          .isEqualTo(
              Files.readAllBytes(local.resolve("fine-tune/adapter/adapter_model.safetensors")));
    } finally {
      for (String image : tagged) {
        Tools.run(podman.command("rmi", "-f", image));
      }
    }
  }

  /** The pipeline parameters: the miniature problem's settings, the same as {@link #runYaml}. */
  private static Map<String, Object> arguments(Path sources, Path base) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("sources_uri", sources.toString());
    a.put("base_model_uri", base.toString());
    a.put("seed", 3);
    a.put("data_max_seq_length", 64);
    a.put("train_batch_size", 16);
    a.put("gradients_batch_size", 16);
    a.put("fine_tune_batch_size", 16);
    a.put("lora_rank", 4);
    a.put("lora_alpha", 8.0);
    a.put("train_epochs", 2);
    a.put("train_learning_rate", 0.01);
    a.put("shard_indices", List.of(0, 1));
    a.put("shard_count", SHARDS);
    a.put("gradients_dim", 16);
    a.put("gradients_projector_seed", 1);
    a.put("estimate_subsets", 40);
    a.put("estimate_alpha", 0.5);
    a.put("estimate_mode", "faithful");
    a.put("estimate_lambda", 1.0);
    a.put("estimate_select", "below-mean");
    a.put("fine_tune_epochs", 2);
    a.put("fine_tune_learning_rate", 0.01);
    return a;
  }

  private String runYaml(Path sources, Path base) {
    List<String> lines = new ArrayList<>(List.of("out: out", "seed: 3", "sources:"));
    for (String s : SOURCES) {
      lines.add("  - {name: " + s + ", path: " + sources.resolve(s + ".jsonl") + "}");
    }
    lines.add(
        "target: {train: "
            + sources.resolve("target-train.jsonl")
            + ", validation: "
            + sources.resolve("target-validation.jsonl")
            + ", test: "
            + sources.resolve("target-test.jsonl")
            + "}");
    lines.add("model: {dir: " + base + "}");
    lines.add("lora: {rank: 4, alpha: 8, targets: []}");
    lines.add("train: {epochs: 2, learningRate: 0.01, batchSize: 16}");
    lines.add("gradients: {dim: 16, seed: 1, batchSize: 16}");
    lines.add(
        "estimate: {subsets: 40, alpha: 0.5, mode: faithful, lambda: 1.0, select: below-mean}");
    lines.add("fineTune: {epochs: 2, learningRate: 0.01, batchSize: 16}");
    lines.add("fidelity: {subsets: 0}");
    lines.add("");
    return String.join("\n", lines);
  }

  /** {@code gradex run} on the same problem, in this JVM; returns its output directory. */
  private Path gradexRun(Path sources, Path base) throws IOException {
    Path work = Files.createDirectories(dir.resolve("gradex-run"));
    Path yaml = work.resolve("run.yaml");
    Files.writeString(yaml, runYaml(sources, base));
    int code = CommandLines.create(new GradexCli()).execute("run", yaml.toString());
    assertThat(code).as("gradex run").isZero();
    return work.resolve("out");
  }

  /** Two clean, one noisy and one conflicting source, and the target splits, as a source set. */
  private static Path writeProblem(Path d) {
    new ArithmeticSources(5, 2, 1, 1, 40, 60, 40).write(d);
    List<SourceSet.Source> list = new ArrayList<>();
    for (String s : SOURCES) {
      list.add(new SourceSet.Source(s, s + ".jsonl", null));
    }
    SourceSet.write(
        d,
        new SourceSet.Splits("target-train.jsonl", "target-validation.jsonl", "target-test.jsonl"),
        list);
    return d;
  }

  /** A one-layer character-level decoder, saved as a Hugging Face directory. */
  private static Path tinyBase(Path base) throws Exception {
    int vocab = CharTokenizerJson.write(base, ArithmeticSources.ALPHABET);
    try (LanguageModel m =
        TinyDecoder.create(TinyDecoder.config(vocab, 64, 32, 1, 2), Device.cpu(), 1)) {
      HfModels.save(m, base);
    }
    return base;
  }

  /** The image the compiled pipeline names for {@code stage} (its executors' image fields). */
  private static String imageOf(Path pipeline, String stage) throws IOException {
    Matcher m =
        Pattern.compile("image: (\\S+/gradex-" + Pattern.quote(stage) + ":\\S+)")
            .matcher(Files.readString(pipeline));
    assertThat(m.find()).as("image of %s in %s", stage, pipeline).isTrue();
    return m.group(1);
  }

  private static String only(JsonNode run, String task, String key) {
    JsonNode executions = run.path("outputs").path(task);
    assertThat(executions.size()).as("%s in %s", task, run.path("outputs")).isEqualTo(1);
    JsonNode paths = executions.get(0).path(key);
    assertThat(paths.size()).as("%s.%s in %s", task, key, run.path("outputs")).isEqualTo(1);
    return paths.get(0).asText();
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static Path tar(String stage) {
    return Tools.root().resolve("components/" + stage + "/target/jib-image.tar");
  }

  /** The images run as a non-root user and kfp.local writes as root: open everything. */
  private static void openForAll(Path top) throws IOException {
    try (Stream<Path> all = Files.walk(top)) {
      for (Path p : all.toList()) {
        Files.setPosixFilePermissions(
            p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxrwxrwx" : "rw-rw-rw-"));
      }
    }
  }
}
