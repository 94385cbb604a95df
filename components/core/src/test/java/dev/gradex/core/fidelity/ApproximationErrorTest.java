package dev.gradex.core.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ApproximationErrorTest {
  @Test
  void relativeRssMatchesHandExample() {
    double[] est = {1.1, 1.9, 3.0};
    double[] act = {1.0, 2.0, 3.0};
    // (0.01 + 0.01 + 0) / (1 + 4 + 9)
    assertThat(ApproximationError.relativeRss(est, act)).isCloseTo(0.02 / 14, within(1e-15));
  }

  @Test
  void relativeRssOfAllZeroActualsIsNaN() {
    assertThat(ApproximationError.relativeRss(new double[] {1}, new double[] {0})).isNaN();
  }

  @Test
  void outputApproximationErrorMatchesHandExample() {
    double[] b = {1.0, 0.0, -2.0, 0.0, 0.0};
    double[] lin = {1.2, 0.5, -2.1, 0.0, 0.3};
    double[] act = {1.0, -1.0, -2.5, 0.0, 0.0};
    // (0.2/1)^2 + (1.5/1)^2 + (0.4/2.5)^2 + 0 (0/0) + 1 (no scale, wrong) over 5 examples.
    double expected = (0.04 + 2.25 + 0.0256 + 0 + 1) / 5;
    assertThat(ApproximationError.outputApproximationError(b, lin, act))
        .isCloseTo(expected, within(1e-12));
  }

  @Test
  void exampleWithoutScaleCountsZeroIfExactAndOneOtherwise() {
    double[] zero = {0, 0};
    assertThat(ApproximationError.outputApproximationError(zero, new double[] {0, 0.5}, zero))
        .isEqualTo(0.5);
    assertThat(ApproximationError.outputApproximationError(zero, zero, zero)).isZero();
  }

  @Test
  void mismatchedOrNaNInputsAreRejected() {
    double[] two = {1, 2};
    double[] three = {1, 2, 3};
    double[] nan = {1, Double.NaN};
    assertThatThrownBy(() -> ApproximationError.relativeRss(three, two))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ApproximationError.relativeRss(nan, two))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ApproximationError.outputApproximationError(three, two, two))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ApproximationError.outputApproximationError(nan, two, two))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ApproximationError.outputApproximationError(two, three, two))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ApproximationError.outputApproximationError(two, nan, two))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void reportAggregatesTheMeasuresAndSerialisesToJson() throws Exception {
    FidelityReport r =
        FidelityReport.compare(new double[] {1.1, 1.9, 3.0}, new double[] {1.0, 2.0, 3.0});
    assertThat(r.n()).isEqualTo(3);
    assertThat(r.relativeRss()).isCloseTo(0.02 / 14, within(1e-15));
    assertThat(r.spearman()).isCloseTo(1.0, within(1e-12));
    assertThat(r.kendallTauB()).isCloseTo(1.0, within(1e-12));

    ObjectMapper mapper = new ObjectMapper();
    String json = mapper.writeValueAsString(r);
    assertThat(json).startsWith("{\"n\":3,\"relativeRss\":").contains("\"kendallTauB\":1.0");
    assertThat(mapper.readValue(json, FidelityReport.class)).isEqualTo(r);
  }
}
