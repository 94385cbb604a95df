package dev.gradex.cli.bench.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpreadTest {
  @Test
  void meanAndSampleStandardDeviation() {
    // mean 2, squared deviations 1 + 0 + 1 over n - 1 = 2: std 1
    Spread s = Spread.of(List.of(1.0, 2.0, 3.0));
    assertThat(s.mean()).isCloseTo(2, within(1e-12));
    assertThat(s.std()).isCloseTo(1, within(1e-12));
    assertThat(s.n()).isEqualTo(3);
  }

  @Test
  void nonFiniteEntriesAreLeftOut() {
    Spread s = Spread.of(List.of(Double.NaN, 4.0));
    assertThat(s.mean()).isEqualTo(4.0);
    assertThat(s.std()).isZero();
    assertThat(Spread.of(List.of(Double.NaN)).mean()).isNaN();
  }
}
