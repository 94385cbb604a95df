package dev.gradex.cli.bench.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gradex.cli.bench.sweep.FinishedRun;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.fidelity.FidelityReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SurrogateFidelityTest {
  private static final List<String> TASKS = List.of("a", "b", "c", "d");
  private static final Map<String, Double> WEIGHT =
      Map.of("a", -0.1, "b", 0.05, "c", 0.2, "d", -0.02);

  private static double additive(List<String> members) {
    return 1 + members.stream().mapToDouble(WEIGHT::get).sum();
  }

  /** Every non-empty subset of the 4 tasks, fhat exactly additive. */
  private static Path subsetsCsv(Path dir) throws IOException {
    StringBuilder sb =
        new StringBuilder(
            "subset,size,members,estimated_loss,train_loss,iterations,converged,gradient_norm,"
                + "norm_scale,relative_norm\n");
    for (int mask = 1; mask < 16; mask++) {
      List<String> members = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        if ((mask & (1 << t)) != 0) {
          members.add(TASKS.get(t));
        }
      }
      sb.append(mask - 1)
          .append(',')
          .append(members.size())
          .append(',')
          .append(String.join(";", members))
          .append(',')
          .append(additive(members))
          .append(",0.5,3,true,1e-7,0.1,0.1\n");
    }
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("subsets.csv"), sb.toString());
    return dir;
  }

  private static FinishedRun.Point point(String id, List<String> members, double measured) {
    return new FinishedRun.Point(id, "sampled", members, Double.NaN, measured);
  }

  @Test
  void anAdditiveFhatIsRecoveredSoMeasuredLossesEqualToItScoreSpearmanOneAndRssZero(
      @TempDir Path tmp) throws IOException {
    Path dir = subsetsCsv(tmp.resolve("estimate"));
    List<FinishedRun.Point> points =
        List.of(
            point("p0", List.of(), additive(List.of())),
            point("p1", List.of("a"), additive(List.of("a"))),
            point("p2", List.of("b", "c"), additive(List.of("b", "c"))),
            point("p3", List.of("a", "b", "c", "d"), additive(List.of("a", "b", "c", "d"))));
    FidelityReport r = SurrogateFidelity.of(dir, points);
    assertThat(r.n()).isEqualTo(4);
    assertThat(r.spearman()).isCloseTo(1.0, within(1e-12));
    assertThat(r.relativeRss()).isLessThan(1e-6);
  }

  @Test
  void measuredLossesInTheOppositeOrderScoreSpearmanMinusOne(@TempDir Path tmp) throws IOException {
    Path dir = subsetsCsv(tmp.resolve("estimate"));
    // predicted: a 0.9, a+d 0.88, b 1.05, c 1.2; measured reversed
    List<FinishedRun.Point> points =
        List.of(
            point("p0", List.of("a", "d"), 4.0),
            point("p1", List.of("a"), 3.0),
            point("p2", List.of("b"), 2.0),
            point("p3", List.of("c"), 1.0));
    assertThat(SurrogateFidelity.of(dir, points).spearman()).isCloseTo(-1.0, within(1e-12));
  }

  @Test
  void aSourceNoSampledSubsetHoldsAddsNothingToThePrediction(@TempDir Path tmp) throws IOException {
    Path dir = subsetsCsv(tmp.resolve("estimate"));
    double withE = additive(List.of("a"));
    List<FinishedRun.Point> points =
        List.of(
            point("p0", List.of("a", "e"), withE),
            point("p1", List.of("b"), additive(List.of("b"))),
            point("p2", List.of("c"), additive(List.of("c"))));
    assertThat(SurrogateFidelity.of(dir, points).relativeRss()).isLessThan(1e-6);
  }

  @Test
  void aTableWithoutTheEstimatedLossColumnIsRefusedNamingTheFile(@TempDir Path tmp)
      throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("estimate"));
    Files.writeString(dir.resolve("subsets.csv"), "subset,members\n0,a\n");
    assertThatThrownBy(() -> SurrogateFidelity.of(dir, List.of(point("p", List.of("a"), 1.0))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(dir.resolve("subsets.csv").toString())
        .hasMessageContaining("estimated_loss");
  }
}
