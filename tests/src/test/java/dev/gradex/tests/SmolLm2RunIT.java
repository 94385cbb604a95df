package dev.gradex.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gradex.core.Json;
import dev.gradex.estimate.SelectionFile;
import dev.gradex.local.FineTuned;
import dev.gradex.local.RunConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gradex run} on the committed miniature language-modelling problem {@code
 * tests/problems/lm-mini} (two-digit addition in English; two helpful sources, one unrelated, two
 * harmful ones with wrong sums: see its README) with SmolLM2-135M-Instruct as the base, imported
 * here from its GGUF (tests/setup/smollm2-fixture.sh) into the copied problem's {@code model/},
 * where the committed run.yaml's relative {@code model.dir} finds it: nothing in run.yaml is
 * rewritten. Checks every stage's output, the selection against the planted roles, the fine-tuned
 * test loss against the base model's and the all-sources baseline's, and that the stored metadata
 * describe the Llama model. Opt-in (tag {@code dev}); about 8 minutes on 2 busy cores (8 min 17 s,
 * of which {@code gradex run} 466 s, on 2026-12-02) (BENCHMARKS.md, "SmolLM2 through gradex run"):
 *
 * <pre>
 * nice -n 10 mvn -B -o -pl tests -am verify -Dit.test=SmolLm2RunIT -Dtest=none \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dgradex.excludedGroups=
 * </pre>
 */
@Tag("dev")
class SmolLm2RunIT {
  private static final Set<String> HELPFUL = Set.of("addition-more", "addition-reworded");
  private static final Set<String> HARMFUL = Set.of("addition-off", "addition-reversed");
  private static final List<String> STAGES =
      List.of("meta-train", "gradients", "estimate", "fine-tune", "fine-tune-all-sources");

  // kept when a test fails, to look at the run
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path dir;

  private static Path problem;
  private static Path model;
  private static Path run;

  @BeforeAll
  static void importTheModelAndRun() throws Exception {
    problem = copyProblem(dir.resolve("lm-mini"));
    model = problem.resolve("model");
    SmolLm2.importInto(SmolLm2.gguf(), model);
    Path yaml = problem.resolve("run.yaml");
    long start = System.nanoTime();
    Cli.Outcome o =
        Cli.runChild(
            List.of("-Xmx3g"),
            dir.resolve("run.log"),
            90,
            "run",
            yaml.toString(),
            "--truth",
            problem.resolve("data/truth.json").toString(),
            "--all-sources-baseline",
            "--target-only-baseline");
    System.out.printf("gradex run lm-mini: %.1f s%n", (System.nanoTime() - start) / 1e9);
    o.stdout().lines().filter(l -> l.startsWith("  ")).forEach(System.out::println);
    assertThat(o.exitCode()).as(o.stdout()).isZero();
    run = RunConfig.resolve(yaml, RunConfig.read(yaml).out());
  }

  /** run.yaml and data/ of the committed problem (not a local model/ or runs/ beside them). */
  private static Path copyProblem(Path to) throws IOException {
    Path from = Python.root().resolve("tests/problems/lm-mini");
    Files.createDirectories(to.resolve("data"));
    Files.copy(from.resolve("run.yaml"), to.resolve("run.yaml"));
    try (Stream<Path> files = Files.list(from.resolve("data"))) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve("data").resolve(f.getFileName()));
      }
    }
    return to;
  }

  private static JsonNode json(Path file) throws IOException {
    return Json.JSON.readTree(file.toFile());
  }

  private static List<FineTuned> models() throws IOException {
    return Json.JSON.convertValue(
        json(run.resolve("summary.json")).get("models"), new TypeReference<List<FineTuned>>() {});
  }

  private static FineTuned model(String name) throws IOException {
    return models().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
  }

  /**
   * {@code gradex model eval} of the base model (with {@code adapter} if not null) on target test.
   */
  private static double testLoss(Path adapter) throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "model",
                "eval",
                "--json",
                "--model",
                model.toString(),
                "--data",
                problem.resolve("data/target-test.jsonl").toString()));
    if (adapter != null) {
      args.addAll(List.of("--adapter", adapter.toString()));
    }
    Cli.Outcome o = Cli.run(args.toArray(String[]::new));
    assertThat(o.exitCode()).as(o.stderr()).isZero();
    JsonNode r = Json.JSON.readTree(o.stdout());
    assertThat(r.get("examples").asInt()).isEqualTo(24);
    return r.get("loss").asDouble();
  }

  @Test
  void everyStageCompletedAndWroteItsManifest() throws IOException {
    for (String stage : STAGES) {
      assertThat(run.resolve(stage).resolve("manifest.json")).as(stage).isRegularFile();
    }
    // the final model and both baselines (the target-only one may be a fidelity point's)
    List<FineTuned> models = models();
    assertThat(models)
        .extracting(FineTuned::name)
        .containsExactly(FineTuned.SELECTION, FineTuned.ALL_SOURCES, FineTuned.TARGET_ONLY);
    for (FineTuned m : models) {
      assertThat(run.resolve(m.dir()).resolve("manifest.json")).as(m.name()).isRegularFile();
      assertThat(m.testLoss()).as(m.name()).isPositive().isFinite();
    }
    JsonNode summary = json(run.resolve("summary.json"));
    assertThat(summary.get("seconds").fieldNames())
        .toIterable()
        .contains(
            "meta_train",
            "extract_gradients",
            "estimate_subsets",
            "fine_tune",
            "fidelity",
            "all_sources_baseline");
    JsonNode fidelity = json(run.resolve("fidelity.json"));
    // 3 planned subsets and the selection; the baselines when they are not already among them
    assertThat(fidelity.get("n").asInt()).isBetween(4, 6);
    for (JsonNode p : fidelity.get("points")) {
      System.out.printf(
          "SmolLM2 lm-mini fidelity point %s %s: fhat %.4f, f %.4f, test %.4f%n",
          p.get("id").asText(),
          p.get("members"),
          p.get("estimatedLoss").asDouble(),
          p.get("measuredLoss").asDouble(),
          p.get("testLoss").asDouble());
      assertThat(p.get("testLoss").asDouble()).as(p.get("id").asText()).isPositive().isFinite();
    }
    assertThat(run.resolve("report.html")).isNotEmptyFile();
    try (Stream<Path> points = Files.list(run.resolve("fidelity"))) {
      for (Path p : points.filter(Files::isDirectory).toList()) {
        assertThat(p.resolve("manifest.json")).as(p.toString()).isRegularFile();
      }
    }
  }

  @Test
  void theHarmfulSourcesAreNotSelectedAndRankBelowTheHelpfulOnes() {
    SelectionFile s = SelectionFile.read(run.resolve("estimate"));
    System.out.println("SmolLM2 lm-mini ranking: " + s.ranking());
    System.out.println("SmolLM2 lm-mini selected: " + s.selected());
    assertThat(s.sampling().kind()).isEqualTo("enumerated");
    assertThat(s.selected()).isNotEmpty().doesNotContainAnyElementsOf(HARMFUL);
    List<String> ranked = s.ranking().stream().map(SelectionFile.RankedScore::task).toList();
    assertThat(ranked).hasSize(5);
    int lastHelpful = HELPFUL.stream().mapToInt(ranked::indexOf).max().orElseThrow();
    int firstHarmful = HARMFUL.stream().mapToInt(ranked::indexOf).min().orElseThrow();
    assertThat(lastHelpful).as("ranking %s", ranked).isLessThan(firstHarmful);
  }

  @Test
  void theSelectionsFineTuneHasALowerTestLossThanTheBaseModelAndAllSources() throws IOException {
    double base = testLoss(null);
    FineTuned selection = model(FineTuned.SELECTION);
    FineTuned all = model(FineTuned.ALL_SOURCES);
    FineTuned targetOnly = model(FineTuned.TARGET_ONLY);
    System.out.printf(
        "SmolLM2 lm-mini test token cross-entropy: base %.4f, selection %.4f, all sources %.4f,"
            + " target only %.4f%n",
        base, selection.testLoss(), all.testLoss(), targetOnly.testLoss());
    assertThat(selection.objective()).isEqualTo("language-model");
    assertThat(selection.testLoss()).isLessThan(base).isLessThan(all.testLoss());
    // the stored adapter is the model the run measured
    assertThat(testLoss(run.resolve("fine-tune/adapter")))
        .isCloseTo(selection.testLoss(), within(1e-4));
  }

  @Test
  void theStoredMetadataDescribeTheLlamaModel() throws IOException {
    assertThat(json(model.resolve("config.json")).get("model_type").asText()).isEqualTo("llama");
    for (Path adapter : List.of(run.resolve("meta-train"), run.resolve("fine-tune/adapter"))) {
      JsonNode c = json(adapter.resolve("adapter_config.json"));
      assertThat(c.get("task_type").asText()).isEqualTo("CAUSAL_LM");
      assertThat(c.get("base_model_name_or_path").asText()).isEqualTo(model.toString());
      assertThat(c.get("target_modules").toString()).isEqualTo("[\"q_proj\",\"v_proj\"]");
    }
    JsonNode layout = json(run.resolve("gradients/manifest.json")).get("parameterLayout");
    // rank 8 on q_proj (576 -> 576) and v_proj (576 -> 3 KV heads x 64) of 30 layers
    assertThat(layout.get("parameterCount").asLong()).isEqualTo(30L * 8 * (576 + 576 + 576 + 192));
    JsonNode blocks = layout.get("blocks");
    assertThat(blocks.size()).isEqualTo(30 * 4);
    assertThat(blocks.get(0).get("name").asText())
        .isEqualTo("base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight");
    assertThat(blocks.get(blocks.size() - 1).get("name").asText())
        .isEqualTo("base_model.model.model.layers.29.self_attn.v_proj.lora_B.weight");
    String digest = json(run.resolve("meta-train/manifest.json")).at("/inputs/baseModel").asText();
    // the digest of the model's files, not of an empty tree (sha256 of "")
    assertThat(digest)
        .startsWith("sha256:")
        .isNotEqualTo("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(json(run.resolve("fine-tune/manifest.json")).at("/inputs/baseModel").asText())
        .isEqualTo(digest);
    assertThat(json(run.resolve("gradients/manifest.json")).at("/digests/model").asText())
        .isEqualTo(digest);
  }
}
