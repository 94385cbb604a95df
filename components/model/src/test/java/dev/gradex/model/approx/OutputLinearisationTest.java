package dev.gradex.model.approx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.ModelFixtures;
import dev.gradex.model.arch.TinyDecoder;
import dev.gradex.model.config.Family;
import dev.gradex.model.data.Encoded;
import dev.gradex.model.lora.LoraConfig;
import dev.gradex.model.train.Batching;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The output-approximation error (Li et al., arXiv 2409.19458) on a tiny decoder where it is
 * checkable: at a tiny distance the first-order model is far better than the zeroth-order one (so g
 * is the gradient of the same o the real outputs are), the error grows with the distance, the
 * realised distance is the requested one and theta* is restored afterwards.
 */
class OutputLinearisationTest {
  private static final List<Double> DISTANCES = List.of(1e-4, 1e-3, 0.02, 0.10);

  private static LanguageModel model() {
    LanguageModel m = TinyDecoder.create(TinyDecoder.config(40, 32, 32, 2, 4), Device.cpu(), 1);
    m.applyLora(LoraConfig.defaults(Family.GPT2), 2);
    ModelFixtures.randomizeTrainable(m, 3);
    return m;
  }

  @Test
  void randomDirectionErrorIsFirstOrderSmallNearThetaStarAndGrowsWithDistance() {
    try (LanguageModel m = model()) {
      List<Encoded> ex = ModelFixtures.lmExamples(m);
      List<float[]> theta = ParameterValues.get(m);
      List<ApproximationRow> rows =
          new OutputLinearisation(m, ex, 3).measure(List.of(Directions.random(m, 5)), DISTANCES);

      assertThat(rows).hasSize(DISTANCES.size());
      for (int i = 0; i < rows.size(); i++) {
        ApproximationRow r = rows.get(i);
        assertThat(r.direction()).isEqualTo(Directions.RANDOM);
        assertThat(r.examples()).isEqualTo(ex.size());
        assertThat(r.relativeDistance()).isEqualTo(DISTANCES.get(i));
        assertThat(r.realisedDistance())
            .isCloseTo(DISTANCES.get(i), within(1e-3 * DISTANCES.get(i)));
        assertThat(r.medianError()).isFinite().isGreaterThanOrEqualTo(0);
      }
      ApproximationRow tiny = rows.get(0);
      ApproximationRow small = rows.get(1);
      assertThat(tiny.meanError()).isLessThan(1e-3);
      // first-order correctness: the gap is second order; a g 1% off would leave 1e-4 of it
      assertThat(small.meanError()).isLessThan(1e-4 * small.constantError());
      assertThat(rows.get(3).meanError()).isGreaterThan(rows.get(2).meanError());
      assertThat(rows.get(2).meanError()).isGreaterThan(small.meanError());
      assertSame(theta, ParameterValues.get(m));
    }
  }

  @Test
  void fineTunedDirectionIsAContinuationFromThetaStarThatLeavesThetaStarInPlace() {
    try (LanguageModel m = model()) {
      List<Encoded> ex = ModelFixtures.lmExamples(m);
      List<float[]> theta = ParameterValues.get(m);
      Direction d =
          Directions.fineTuned(m, ex, new Directions.Continuation(3, 0.01, 2, Batching.RANDOM, 7));
      assertThat(d.name()).isEqualTo(Directions.FINE_TUNED);
      assertThat(d.norm()).isPositive();
      assertSame(theta, ParameterValues.get(m));
      // Adam's first steps move each entry by about the learning rate
      assertThat(d.norm() / Math.sqrt(count(theta))).isBetween(1e-3, 0.05);

      List<ApproximationRow> rows =
          new OutputLinearisation(m, ex, 4).measure(List.of(d), List.of(1e-3, 0.10));
      assertThat(rows.get(0).meanError()).isLessThan(1e-4 * rows.get(0).constantError());
      assertThat(rows.get(1).meanError()).isGreaterThan(rows.get(0).meanError());
      assertSame(theta, ParameterValues.get(m));
    }
  }

  private static long count(List<float[]> values) {
    return values.stream().mapToLong(v -> v.length).sum();
  }

  private static void assertSame(List<float[]> expected, List<float[]> actual) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int p = 0; p < expected.size(); p++) {
      assertThat(actual.get(p)).as("tensor %d", p).containsExactly(expected.get(p));
    }
  }
}
