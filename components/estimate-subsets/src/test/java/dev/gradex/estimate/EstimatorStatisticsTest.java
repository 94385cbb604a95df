package dev.gradex.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gradex.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EstimatorStatisticsTest {
  @TempDir Path dir;

  @Test
  void summarisesConvergenceIterationsLossesAndNormsOfTheSubsetsTable() throws IOException {
    Files.writeString(
        dir.resolve("subsets.csv"),
        SubsetEstimation.header()
            + "\n0,2,a;b,0.30,0.28,3,true,1e-9,1.0,0.05"
            + "\n1,1,a,0.10,0.09,7,true,2e-9,1.0,0.07"
            + "\n2,2,b;c,0.20,0.19,40,false,3e-3,1.0,0.09"
            + "\n3,3,\"a;b;c\",0.40,0.35,2,true,1e-9,1.0,0.03\n");
    EstimatorStatistics s = EstimatorStatistics.read(dir);
    assertThat(s.subsets()).isEqualTo(4);
    assertThat(s.convergedFraction()).isEqualTo(0.75);
    assertThat(s.meanIterations()).isEqualTo(13.0);
    assertThat(s.maxIterations()).isEqualTo(40);
    assertThat(s.minLoss()).isEqualTo(0.10);
    assertThat(s.medianLoss()).isCloseTo(0.25, within(1e-12));
    assertThat(s.maxLoss()).isEqualTo(0.40);
    assertThat(s.meanRelativeNorm()).isCloseTo(0.06, within(1e-12));
    Map<String, Double> m = s.metrics();
    assertThat(m)
        .containsEntry("estimator_subsets", 4.0)
        .containsEntry("estimator_converged_fraction", 0.75)
        .containsEntry("estimator_max_iterations", 40.0)
        .hasSize(8);
  }

  @Test
  void memberNamesWithCommaQuoteAndNewlineAreReadAsOneRecord() throws IOException {
    String members = "a,1;b \"x\"\nline two";
    Files.writeString(
        dir.resolve("subsets.csv"),
        SubsetEstimation.header()
            + "\n"
            + dev.gradex.core.Csv.row(0, 2, members, 0.5, 0.4, 6, true, 1e-9, 1.0, 0.25)
            + "\n1,1,c,0.7,0.6,2,false,1e-3,1.0,0.75\n");
    var rows = SubsetsTable.rows(dir);
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).get(2)).isEqualTo(members);
    EstimatorStatistics s = EstimatorStatistics.read(dir);
    assertThat(s.subsets()).isEqualTo(2);
    assertThat(s.meanIterations()).isEqualTo(4.0);
    assertThat(s.meanRelativeNorm()).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void relativeNormsUnknownToTheStoreAreLeftOutOfTheMetrics() throws IOException {
    Files.writeString(
        dir.resolve("subsets.csv"),
        SubsetEstimation.header() + "\n0,1,a,0.5,0.5,4,true,1e-9,1.0,NaN\n");
    Map<String, Double> m = EstimatorStatistics.read(dir).metrics();
    assertThat(m).doesNotContainKey("estimator_mean_relative_norm");
    assertThat(m).containsEntry("estimator_median_loss", 0.5);
  }

  @Test
  void anotherFileIsRefusedNamingIt() throws IOException {
    Files.writeString(dir.resolve("subsets.csv"), "task,coefficient\na,0.1\n");
    assertThatThrownBy(() -> EstimatorStatistics.read(dir))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("subsets.csv")
        .hasMessageContaining("not a subsets table");
  }
}
