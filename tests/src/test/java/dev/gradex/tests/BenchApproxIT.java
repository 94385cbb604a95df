package dev.gradex.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gradex bench approx} on a real finished tiny run: the output-approximation error of the
 * run's first-order model (Li et al., arXiv 2409.19458) along the fine-tuned and the random
 * direction: realised distances are the requested ones, near theta* the error is of second order
 * (it grows as r^4) and far below the zeroth-order model's, it grows with the distance; the run is
 * read, never written; bad input exits 2 naming the option or file.
 */
class BenchApproxIT {
  @TempDir Path dir;

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void measuresBothDirectionsOnAFinishedRunWithoutWritingToIt() throws Exception {
    MiniatureRun.fourSmallSources(1, 1, 0).write(dir);
    Cli.Outcome run =
        Cli.runChild(
            List.of("-Xmx1g"),
            dir.resolve("run.log"),
            15,
            "run",
            dir.resolve("run.yaml").toString());
    assertThat(run.exitCode()).as(run.stdout()).isZero();
    Path out = dir.resolve("out");
    Map<Path, FileTime> before = tree(out);

    Cli.Outcome o =
        Cli.runChild(
            List.of("-Xmx1g"),
            dir.resolve("approx.log"),
            5,
            "bench",
            "approx",
            "--run",
            out.toString(),
            "--distances",
            "0.005,0.01,0.1",
            "--examples",
            "16",
            "--json");
    assertThat(o.exitCode()).as(o.stdout()).isZero();
    JsonNode m = JSON.readTree(lastJsonLine(o.stdout())).path("measurement");
    assertThat(m.path("examples").asInt()).isEqualTo(16);
    // by default the continued training copies the final fine-tune's recipe and length
    JsonNode fine = JSON.readTree(out.resolve("fine-tune/manifest.json").toFile());
    assertThat(m.path("recipe").asText()).isEqualTo("fine-tune");
    assertThat(m.path("steps").asLong())
        .isEqualTo(fine.path("results").path("train_steps").asLong())
        .isPositive();
    assertThat(m.path("learningRate").asDouble())
        .isEqualTo(fine.path("inputs").path("settings").path("learningRate").asDouble());
    assertThat(m.path("adapterNorm").asDouble()).isPositive();
    JsonNode rows = m.path("rows");
    assertThat(rows).hasSize(6);
    double[] distances = {0.005, 0.01, 0.1};
    for (int k = 0; k < 2; k++) {
      String direction = k == 0 ? "fine-tuned" : "random";
      for (int j = 0; j < 3; j++) {
        JsonNode r = rows.get(3 * k + j);
        assertThat(r.path("direction").asText()).isEqualTo(direction);
        assertThat(r.path("relativeDistance").asDouble()).isEqualTo(distances[j]);
        assertThat(r.path("realisedDistance").asDouble())
            .isCloseTo(distances[j], within(1e-3 * distances[j]));
        assertThat(r.path("examples").asInt()).isEqualTo(16);
        assertThat(r.path("meanError").asDouble()).isPositive().isFinite();
        assertThat(r.path("medianError").asDouble()).isNotNegative().isFinite();
      }
      JsonNode near = rows.get(3 * k);
      double doubled = rows.get(3 * k + 1).path("meanError").asDouble();
      // the residual of a correct first-order model is second order, its squared error grows as
      // r^4 (16x from 0.005 to 0.01); with a wrong gradient it would grow as r^2 (4x)
      assertThat(doubled / near.path("meanError").asDouble())
          .as("%s: error(0.01) / error(0.005)", direction)
          .isGreaterThan(8);
      assertThat(near.path("meanError").asDouble())
          .as("%s: the gradient term improves on o ~ b near theta*", direction)
          .isLessThan(0.1 * near.path("constantError").asDouble());
      assertThat(rows.get(3 * k + 2).path("meanError").asDouble()).isGreaterThan(doubled);
    }
    assertThat(tree(out)).as("the run directory is read only").isEqualTo(before);
  }

  @Test
  @Tag("fast")
  void noRunARunWithoutMetaTrainOrADistanceOutsideZeroToOneExitsTwoNamingIt() throws Exception {
    Path missing = dir.resolve("no-such-run");
    Cli.Outcome none = Cli.run("bench", "approx", "--run", missing.toString());
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.stderr()).contains("--run: " + missing + " is not a directory");

    Path empty = Files.createDirectories(dir.resolve("empty-run"));
    Cli.Outcome noMeta = Cli.run("bench", "approx", "--run", empty.toString());
    assertThat(noMeta.exitCode()).isEqualTo(2);
    assertThat(noMeta.stderr())
        .contains(empty.resolve("meta-train/manifest.json") + ": is missing")
        .contains("meta-trained adapter theta*");

    Cli.Outcome far =
        Cli.run("bench", "approx", "--run", missing.toString(), "--distances", "0.02,1.0");
    assertThat(far.exitCode()).isEqualTo(2);
    assertThat(far.stderr())
        .contains("--run: " + missing + " is not a directory")
        .contains("--distances: 1.0 is not between 0 and 1 (exclusive)");
    assertThat(empty).isEmptyDirectory();
  }

  private static String lastJsonLine(String text) {
    String[] lines = text.split("\n");
    for (int i = lines.length - 1; i >= 0; i--) {
      if (lines[i].startsWith("{")) {
        return lines[i];
      }
    }
    throw new AssertionError("no JSON line in:\n" + text);
  }

  private static Map<Path, FileTime> tree(Path root) throws IOException {
    Map<Path, FileTime> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.toList()) {
        out.put(root.relativize(p), Files.getLastModifiedTime(p));
      }
    }
    return out;
  }
}
