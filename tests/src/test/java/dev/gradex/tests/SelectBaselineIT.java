package dev.gradex.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.core.Csv;
import dev.gradex.finetune.FineTuneStage;
import dev.gradex.local.ArithmeticSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The similarity baselines end to end on a real finished tiny run: {@code gradex select} writes a
 * selection the fine-tune stage reads, {@code gradex run --select} fine-tunes on a baseline's
 * selection through the product's own fine-tune stage and records the method, and bad input
 * (unknown method, count above the sources, missing run directory) exits 2 naming the option.
 */
class SelectBaselineIT {
  @TempDir Path dir;

  private static final List<String> SOURCES =
      List.of("clean-00", "clean-01", "noisy-00", "conflict-00");

  @Test
  void selectWritesASelectionTheFineTuneStageTakesAndRunSelectFineTunesOnIt() throws Exception {
    new MiniatureRun(
            new ArithmeticSources(5, 2, 1, 1, 40, 20, 20), 60, SOURCES, 48, 1, 1, 0, 8, 1, 0)
        .write(dir);
    Path yaml = dir.resolve("run.yaml");
    Cli.Outcome first =
        Cli.runChild(List.of("-Xmx1g"), dir.resolve("run.log"), 15, "run", yaml.toString());
    assertThat(first.exitCode()).as(first.stdout()).isZero();
    Path out = dir.resolve("out");
    int gradexCount = json(out.resolve("summary.json")).path("selected").size();
    assertThat(gradexCount)
        .as("GradEx selected sources, so each baseline selects some")
        .isPositive();

    for (String method : List.of("random", "less", "dsir")) {
      Path sel = dir.resolve("select-" + method);
      Cli.Outcome o = select(method, out, sel);
      assertThat(o.exitCode()).as(o.stderr()).isZero();
      List<String> selected = FineTuneStage.readSelection(sel);
      assertThat(selected).hasSize(gradexCount).doesNotHaveDuplicates().isSubsetOf(SOURCES);
      List<Csv.Row> ranking = Csv.read(sel.resolve("ranking.csv"));
      assertThat(ranking).hasSize(SOURCES.size() + 1);
      List<String> top = new ArrayList<>();
      for (Csv.Row r : ranking.subList(1, gradexCount + 1)) {
        top.add(r.get(1));
      }
      assertThat(top).isEqualTo(selected);
    }

    Path two = dir.resolve("two");
    Cli.Outcome counted = select("random", out, two, "--count", "2", "--seed", "5");
    assertThat(counted.exitCode()).as(counted.stderr()).isZero();
    assertThat(FineTuneStage.readSelection(two)).hasSize(2).doesNotHaveDuplicates();
    assertThat(json(two.resolve("selection.json")).path("rule").path("seed").asLong()).isEqualTo(5);

    Cli.Outcome tooMany = select("less", out, dir.resolve("too-many"), "--count", "5");
    assertThat(tooMany.exitCode()).isEqualTo(2);
    assertThat(tooMany.stderr()).contains("--count: 5 is not between 0 and the run's 4 sources");
    assertThat(dir.resolve("too-many")).doesNotExist();

    var metaTrained = Files.getLastModifiedTime(out.resolve("meta-train/manifest.json"));
    var estimated = Files.getLastModifiedTime(out.resolve("estimate/selection.json"));
    Cli.Outcome second =
        Cli.runChild(
            List.of("-Xmx1g"),
            dir.resolve("run-less.log"),
            15,
            "run",
            yaml.toString(),
            "--select",
            "less");
    assertThat(second.exitCode()).as(second.stdout()).isZero();
    List<String> less = FineTuneStage.readSelection(out.resolve("select-less"));
    assertThat(less).isEqualTo(FineTuneStage.readSelection(dir.resolve("select-less")));
    JsonNode summary = json(out.resolve("summary.json"));
    assertThat(summary.path("selectMethod").asText()).isEqualTo("less");
    assertThat(strings(summary.path("selected"))).isEqualTo(less);
    // the product's fine-tune stage trained on the baseline's sources, in its own directory
    JsonNode inputs = json(out.resolve("fine-tune-less/manifest.json")).path("inputs");
    assertThat(strings(inputs.path("selected"))).isEqualTo(less);
    assertThat(json(out.resolve("fine-tune-less/metrics.json")).path("test_loss").asDouble())
        .isPositive()
        .isFinite();
    assertThat(second.stdout()).contains("the less baseline");
    // the stages before the final fine-tune were reused, not run again
    assertThat(Files.getLastModifiedTime(out.resolve("meta-train/manifest.json")))
        .isEqualTo(metaTrained);
    assertThat(Files.getLastModifiedTime(out.resolve("estimate/selection.json")))
        .isEqualTo(estimated);
  }

  @Test
  void anUnknownMethodOrAMissingRunDirectoryExitsTwoNamingTheOption() {
    Cli.Outcome method = select("bm25", dir, dir.resolve("o"));
    assertThat(method.exitCode()).isEqualTo(2);
    assertThat(method.stderr())
        .contains("--method: unknown method 'bm25'; allowed: random, less, representation, dsir");

    Path missing = dir.resolve("no-such-run");
    Cli.Outcome run = select("dsir", missing, dir.resolve("o"));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).contains(missing + ": is not a directory");
    assertThat(dir.resolve("o")).doesNotExist();

    Cli.Outcome select = Cli.run("run", dir.resolve("run.yaml").toString(), "--select", "best");
    assertThat(select.exitCode()).isEqualTo(2);
    assertThat(select.stderr())
        .contains(
            "--select: unknown method 'best'; allowed: gradex, random, less, representation, dsir");
  }

  /** {@code gradex select --method METHOD --run RUN --out OUT OPTIONS...}, in process. */
  private static Cli.Outcome select(String method, Path run, Path out, String... options) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "select", "--method", method, "--run", run.toString(), "--out", out.toString()));
    args.addAll(List.of(options));
    return Cli.run(args.toArray(String[]::new));
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static JsonNode json(Path file) throws Exception {
    return new ObjectMapper().readTree(Files.readAllBytes(file));
  }
}
