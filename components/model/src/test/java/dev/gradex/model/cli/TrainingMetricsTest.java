package dev.gradex.model.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.gradex.model.train.TrainingCurves;
import dev.gradex.tracking.MetricPoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingMetricsTest {
  @Test
  void stepsBecomeSeriesAndEpochsArePlacedAtTheStepTheyEndedLeavingOutNaN() {
    TrainingCurves c =
        new TrainingCurves(
            List.of(
                new TrainingCurves.Step(1, 0, 2.0, 0.01, 1.5),
                new TrainingCurves.Step(2, 0, 1.8, 0.02, 1.2),
                new TrainingCurves.Step(3, 1, 1.6, 0.01, Double.NaN)),
            List.of(
                new TrainingCurves.Epoch(0, 2, 1.9, 1.7),
                new TrainingCurves.Epoch(1, 3, 1.6, Double.NaN)));
    List<MetricPoint> points = TrainingMetrics.points(c);
    assertThat(points)
        .filteredOn(p -> p.key().equals("train_loss"))
        .extracting(MetricPoint::step, MetricPoint::value)
        .containsExactly(tuple(1L, 2.0), tuple(2L, 1.8), tuple(3L, 1.6));
    assertThat(points).filteredOn(p -> p.key().equals("grad_norm")).hasSize(2);
    assertThat(points)
        .filteredOn(p -> p.key().startsWith("epoch_"))
        .extracting(MetricPoint::key, MetricPoint::step)
        .containsExactly(
            tuple("epoch_train_loss", 2L),
            tuple("epoch_validation_loss", 2L),
            tuple("epoch_train_loss", 3L));
  }

  @Test
  void everyPointCarriesTheTimeItsStepEnded_epochPointsTheirLastSteps() {
    TrainingCurves c =
        new TrainingCurves(
            List.of(
                new TrainingCurves.Step(1, 0, 2.0, 0.01, 1.5, 1_000),
                new TrainingCurves.Step(2, 0, 1.8, 0.02, 1.2, 1_250)),
            List.of(new TrainingCurves.Epoch(0, 2, 1.9, 1.7)));
    assertThat(TrainingMetrics.points(c))
        .extracting(MetricPoint::key, MetricPoint::timestampMillis)
        .contains(
            tuple("train_loss", 1_000L),
            tuple("lr", 1_250L),
            tuple("epoch_validation_loss", 1_250L));
  }

  @Test
  void stepTimesGoBesideTheCurves_soCurvesCsvStaysTheSameBytes_andOlderRunsReadTimeZero(
      @TempDir Path dir) throws Exception {
    Path file = dir.resolve(TrainingCurves.FILE);
    new TrainingCurves(List.of(new TrainingCurves.Step(1, 0, 2.0, 0.01, 1.5, 42)), List.of())
        .write(file);
    String first = Files.readString(file);
    assertThat(TrainingCurves.read(file).steps().get(0).timeMillis()).isEqualTo(42);
    new TrainingCurves(List.of(new TrainingCurves.Step(1, 0, 2.0, 0.01, 1.5, 99)), List.of())
        .write(file);
    assertThat(Files.readString(file)).isEqualTo(first).doesNotContain("42", "99");

    Files.delete(dir.resolve(TrainingCurves.TIMES_FILE));
    assertThat(TrainingCurves.read(file).steps())
        .containsExactly(new TrainingCurves.Step(1, 0, 2.0, 0.01, 1.5, 0));
  }
}
