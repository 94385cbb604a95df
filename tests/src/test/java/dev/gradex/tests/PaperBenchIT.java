package dev.gradex.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gradex bench paper --quick --only synthetic,real-text}: a miniature of every study of
 * problems 1 and 2 through the real local pipeline (tiny decoder trained here, all-MiniLM-L6-v2
 * from tests/setup, real fine-tunes); problem 3 is {@link PaperBenchSmolLm2IT}. paper.json has the
 * issue's schema with finite figures in range, the plot is a real PNG, tables.md marks the targets,
 * and a rerun reuses every fine-tune (no new stage directory) and reproduces the figures.
 */
class PaperBenchIT {
  @TempDir static Path dir;
  static Path out;
  static Cli.Outcome first;
  static JsonNode paper;
  static String corpora;
  static String encoder;

  @BeforeAll
  static void runQuickBench() throws Exception {
    corpora = Setup.lastLine("tests/setup/corpora.sh");
    encoder = Setup.lastLine("tests/setup/model-fixtures.sh");
    out = dir.resolve("paper");
    first = quick(out);
    assertThat(first.exitCode()).as(first.stderr()).isZero();
    paper = new ObjectMapper().readTree(out.resolve("paper.json").toFile());
  }

  /** {@code gradex bench paper --quick} with both problems' fixtures. */
  private static Cli.Outcome quick(Path out) {
    return Cli.run(
        "bench",
        "paper",
        "--quick",
        "--only",
        "synthetic,real-text",
        "--corpora",
        corpora,
        "--encoder",
        encoder,
        "--out",
        out.toString(),
        "--threads",
        "2");
  }

  private static double finite(JsonNode n, String field) {
    JsonNode v = n.get(field);
    assertThat(v).as(field).isNotNull();
    assertThat(v.isNumber()).as(field + " is a number: " + v).isTrue();
    assertThat(Double.isFinite(v.asDouble())).as(field).isTrue();
    return v.asDouble();
  }

  @Test
  void paperJsonHasTheIssuesSchemaWithFiguresInRange() {
    JsonNode p = paper.path("problems").path("synthetic");
    assertThat(p.isObject()).isTrue();
    JsonNode f = p.path("fidelity");
    assertThat(finite(f, "relative_rss")).isGreaterThanOrEqualTo(0);
    assertThat(finite(f, "spearman")).isBetween(-1.0, 1.0);
    assertThat(finite(f, "kendall")).isBetween(-1.0, 1.0);
    assertThat(f.path("subsets").asInt()).isGreaterThanOrEqualTo(3);
    JsonNode c = p.path("cost");
    assertThat(finite(c, "gradex_s")).isPositive();
    assertThat(finite(c, "real_selection_s")).isPositive();
    assertThat(finite(c, "speedup")).isPositive();
    // real selection is 1000 subset fine-tunes; GradEx includes one: the ratio is bounded by it
    assertThat(c.get("speedup").asDouble())
        .isCloseTo(
            c.get("real_selection_s").asDouble() / c.get("gradex_s").asDouble(),
            org.assertj.core.data.Offset.offset(1e-9));
    assertThat(finite(p, "noise_auroc")).isBetween(0.0, 1.0);
    JsonNode q = p.path("quality");
    for (String method :
        List.of(
            "gradex",
            "gradex_ridge",
            "gradex_forward",
            "all_sources",
            "target_only",
            "random",
            "less",
            "representation",
            "dsir")) {
      JsonNode m = q.path(method);
      assertThat(finite(m, "test_loss_mean")).as(method).isPositive();
      assertThat(finite(m, "test_loss_std")).as(method).isGreaterThanOrEqualTo(0);
      // a language-model target has no accuracy: null, never a made-up number
      assertThat(m.has("accuracy_mean")).isTrue();
      assertThat(m.get("accuracy_mean").isNull()).isTrue();
    }
    for (String k : List.of("fidelity", "cost", "quality", "noise_auroc")) {
      assertThat(paper.get(k)).as("top-level " + k).isEqualTo(p.get(k));
    }
    assertThat(finite(paper, "wall_s")).isPositive();
    assertThat(paper.path("machine").path("cores").asInt()).isPositive();
    assertThat(paper.path("machine").path("java").asText()).contains("17");
    p.path("part_seconds").forEach(v -> assertThat(v.asDouble()).isGreaterThanOrEqualTo(0));
    for (String stage :
        List.of("meta_train", "extract_gradients", "estimate_subsets", "fine_tune")) {
      assertThat(finite(p.path("stage_seconds"), stage)).as(stage).isPositive();
    }
  }

  @Test
  void sensitivityMovesEveryKnobWithFiguresInRange() {
    for (String problem : List.of("synthetic", "real-text")) {
      JsonNode rows = paper.path("problems").path(problem).path("sensitivity");
      List<String> knobs = new java.util.ArrayList<>();
      rows.forEach(r -> knobs.add(r.path("knob").asText()));
      assertThat(knobs).as(problem).contains("lambda", "norm_cap", "m", "alpha", "d");
      for (JsonNode r : rows) {
        assertThat(finite(r, "spearman")).isBetween(-1.0, 1.0);
        assertThat(finite(r, "relativeRss")).isGreaterThanOrEqualTo(0);
        assertThat(finite(r, "surrogateSpearman")).isBetween(-1.0, 1.0);
        assertThat(finite(r, "surrogateRelativeRss")).isGreaterThanOrEqualTo(0);
        assertThat(finite(r, "meanRelativeNorm")).isPositive();
        assertThat(finite(r, "testLoss")).isPositive();
      }
    }
  }

  @Test
  void theRealTextProblemHasItsSourcesFiguresAndAnAccuracyPerMethod() throws Exception {
    JsonNode p = paper.path("problems").path("real-text");
    assertThat(p.isObject()).as(paper.path("problems").toString()).isTrue();
    assertThat(p.path("fidelity").path("subsets").asInt()).isGreaterThanOrEqualTo(3);
    assertThat(finite(p.path("fidelity"), "spearman")).isBetween(-1.0, 1.0);
    assertThat(finite(p, "noise_auroc")).isBetween(0.0, 1.0);
    for (String method : List.of("gradex", "all_sources", "target_only", "less", "dsir")) {
      JsonNode m = p.path("quality").path(method);
      assertThat(finite(m, "test_loss_mean")).as(method).isPositive();
      // a classification target: an accuracy per method, in range
      assertThat(finite(m, "accuracy_mean")).as(method).isBetween(0.0, 1.0);
    }
    Path data = out.resolve("real-text/data");
    try (Stream<Path> files = Files.list(data)) {
      assertThat(files.filter(f -> f.toString().endsWith(".jsonl")).count())
          .isEqualTo(7 + 3); // the quick layout's 7 sources and the target's 3 splits
    }
    assertThat(ImageIO.read(out.resolve("real-text-fidelity.png").toFile())).isNotNull();
    // the top level carries problem 1
    assertThat(paper.get("fidelity"))
        .isEqualTo(paper.path("problems").path("synthetic").get("fidelity"));
  }

  @Test
  void theRealTextProblemWithoutItsFixturesIsRefusedNamingBothFlags() {
    Path bad = dir.resolve("bad-fixtures");
    Cli.Outcome o =
        Cli.run("bench", "paper", "--quick", "--only", "real-text", "--out", bad.toString());
    assertThat(o.exitCode()).isEqualTo(2);
    assertThat(o.stderr())
        .contains("--corpora")
        .contains("--encoder")
        .contains("tests/setup/corpora.sh")
        .contains("--only synthetic");
    assertThat(bad.resolve("paper.json")).doesNotExist();
  }

  @Test
  void thePlotIsAPngAndTablesMarkTheTargets() throws Exception {
    BufferedImage png = ImageIO.read(out.resolve("synthetic-fidelity.png").toFile());
    assertThat(png.getWidth()).isEqualTo(800);
    String tables = Files.readString(out.resolve("tables.md"));
    assertThat(tables)
        .contains("| relative RSS <= 1% |", "| Spearman >= 0.8 |", "| speedup >= 30x |")
        .contains("| noise AUROC >= 0.95 |", "| GradEx ahead of every similarity baseline |")
        .contains("EXTRAPOLATED")
        .containsPattern(
            "\\| GradEx ahead of every similarity baseline \\| (yes|\\*\\*MISSED\\*\\*) \\| GradEx [0-9.]+ ");
  }

  @Test
  void aRerunReusesEveryFineTuneAndReproducesTheFigures() throws Exception {
    List<Path> before = fineTuneDirs();
    Cli.Outcome again = quick(out);
    assertThat(again.exitCode()).as(again.stderr()).isZero();
    assertThat(fineTuneDirs()).isEqualTo(before);
    JsonNode second = new ObjectMapper().readTree(out.resolve("paper.json").toFile());
    assertThat(second.path("fidelity")).isEqualTo(paper.path("fidelity"));
    assertThat(second.path("quality")).isEqualTo(paper.path("quality"));
    assertThat(second.path("noise_auroc")).isEqualTo(paper.path("noise_auroc"));
  }

  @Test
  void anUnknownProblemIsRefusedWithExitTwoAndNoOutput() {
    Path bad = dir.resolve("bad");
    Cli.Outcome o = Cli.run("bench", "paper", "--quick", "--only", "nope", "--out", bad.toString());
    assertThat(o.exitCode()).isEqualTo(2);
    assertThat(o.stderr()).contains("--only").contains("nope").contains("synthetic");
    assertThat(bad.resolve("paper.json")).doesNotExist();
  }

  @Test
  void repeatedSeedsAreRefusedWithExitTwoAndNoOutput() {
    Path bad = dir.resolve("bad-seeds");
    Cli.Outcome o = Cli.run("bench", "paper", "--quick", "--seeds", "7,7", "--out", bad.toString());
    assertThat(o.exitCode()).isEqualTo(2);
    assertThat(o.stderr()).contains("--seeds").contains("[7, 7]");
    assertThat(bad).doesNotExist();
  }

  /** Every fine-tune stage directory under the run (a new one would mean a repeated fine-tune). */
  private static List<Path> fineTuneDirs() throws Exception {
    try (Stream<Path> s = Files.walk(out)) {
      return s.filter(p -> p.getFileName().toString().equals("manifest.json"))
          .map(Path::getParent)
          .sorted()
          .toList();
    }
  }
}
