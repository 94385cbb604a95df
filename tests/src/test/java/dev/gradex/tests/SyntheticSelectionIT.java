package dev.gradex.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * On a synthetic store with planted helpful, neutral and noisy sources, every estimator mode ranks
 * the helpful sources on top and the noisy ones at the bottom, and the selection beats both using
 * every source and using none.
 */
class SyntheticSelectionIT {
  @TempDir static Path dir;
  static Path store;

  @BeforeAll
  static void writeStore() {
    store = dir.resolve("store");
    Cli.synthStore(store, 6000, 40, 64, 6, 11);
  }

  @ParameterizedTest
  @ValueSource(strings = {"faithful", "one-newton", "closed-form", "reference"})
  void plantedSourcesRankAsPlanted(String mode) throws Exception {
    Path out = dir.resolve("out-" + mode);
    Cli.Outcome o =
        Cli.run(
            "estimate-subsets",
            "--store",
            store.toString(),
            "--out",
            out.toString(),
            "--subsets",
            "300",
            "--seed",
            "3",
            "--mode",
            mode,
            "--quiet");
    assertThat(o.exitCode()).as(o.stderr()).isZero();

    Map<String, Double> scores = Outputs.scores(out);
    Set<String> helpful = Outputs.truth(store, "helpful");
    Set<String> noisy = Outputs.truth(store, "noisy");
    assertThat(scores).hasSize(40);
    assertThat(Auroc.lowerIsPositive(scores, helpful))
        .as("helpful on top")
        .isGreaterThanOrEqualTo(0.95);
    Map<String, Double> negated = new java.util.HashMap<>();
    scores.forEach((k, v) -> negated.put(k, -v));
    assertThat(Auroc.lowerIsPositive(negated, noisy))
        .as("noisy at the bottom")
        .isGreaterThanOrEqualTo(0.95);

    JsonNode sel = Outputs.json(out.resolve("selection.json"));
    JsonNode est = sel.path("estimatedLoss");
    assertThat(est.path("selected").asDouble()).isLessThan(est.path("allSources").asDouble());
    assertThat(est.path("selected").asDouble()).isLessThan(est.path("targetOnly").asDouble());
    assertThat(Outputs.selected(out)).doesNotContainAnyElementsOf(noisy);

    String report = java.nio.file.Files.readString(out.resolve("report.html"));
    assertThat(report).contains("GradEx selection report", "new Chart(");
    assertThat(report).doesNotContain("src=\"http", "href=\"http", "/*DATA*/", "/*CHARTJS*/");
    for (String s : Outputs.selected(out)) {
      assertThat(report).contains("\"" + s + "\"");
    }
  }

  @org.junit.jupiter.api.Test
  void pseudoTasksFromGradientClustersSelectMostlyHelpfulExamples() throws Exception {
    Path out = dir.resolve("out-pseudo");
    Cli.Outcome o =
        Cli.run(
            "estimate-subsets",
            "--store",
            store.toString(),
            "--out",
            out.toString(),
            "--subsets",
            "300",
            "--seed",
            "3",
            "--pseudo-tasks",
            "40",
            "--quiet");
    assertThat(o.exitCode()).as(o.stderr()).isZero();
    java.util.List<String> lines = java.nio.file.Files.readAllLines(out.resolve("clusters.csv"));
    assertThat(lines.get(0)).isEqualTo("id,source_task,cluster");
    assertThat(lines).hasSize(1 + 6000); // every source example, none lost
    Set<String> helpful = Outputs.truth(store, "helpful");
    Set<String> selected = Outputs.selected(out);
    assertThat(selected).isNotEmpty().allMatch(n -> n.startsWith("cluster-"));
    long picked = 0;
    long pickedHelpful = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      if (selected.contains(f[2])) {
        picked++;
        pickedHelpful += helpful.contains(f[1]) ? 1 : 0;
      }
    }
    // helpful sources hold 6 of 40 tasks (15%) of the examples; the selection must be far purer
    assertThat((double) pickedHelpful / picked).isGreaterThan(0.8);
  }
}
