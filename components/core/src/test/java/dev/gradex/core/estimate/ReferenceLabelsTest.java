package dev.gradex.core.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReferenceLabelsTest {
  @Test
  void labelsOfSeedSevenStayTheSame() {
    // Parity runs against the research code replay labels from (seed, task, row): pin the hash.
    ReferenceLabels labels = new ReferenceLabels(7, 0.7);
    assertThat(IntStream.range(0, 24).map(r -> labels.label(2, r)))
        .containsExactly(1, 1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1);
    assertThat(IntStream.range(0, 24).map(r -> labels.label(0, r)))
        .containsExactly(0, 1, 0, 1, 0, 1, 0, 1, 0, 0, 0, 1, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 1, 0);
  }

  @Test
  void labelsAreBernoulliWithTheRequestedProbabilityAndIndependentAcrossTasks() {
    ReferenceLabels labels = new ReferenceLabels(11, 0.3);
    int n = 40_000;
    int ones = 0;
    int agree = 0;
    for (int r = 0; r < n; r++) {
      int a = labels.label(0, r);
      ones += a;
      agree += a == labels.label(1, r) ? 1 : 0;
    }
    // Four standard deviations: sqrt(p (1 - p) / n) ~ 0.0023.
    assertThat((double) ones / n).isCloseTo(0.3, within(0.01));
    assertThat((double) agree / n).isCloseTo(0.3 * 0.3 + 0.7 * 0.7, within(0.01));
    assertThat(new ReferenceLabels(11, Math.nextUp(0.0)).label(0, 0)).isZero();
    assertThat(new ReferenceLabels(11, 1.0).label(0, 0)).isEqualTo(1);
  }
}
