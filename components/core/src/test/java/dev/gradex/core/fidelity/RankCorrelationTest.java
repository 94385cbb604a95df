package dev.gradex.core.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class RankCorrelationTest {
  private static final double[] A = {1, 2, 2, 3, 4};
  private static final double[] B = {2, 1, 3, 3, 5};

  @Test
  void averageRanksShareTheMeanOfTiedPositions() {
    assertThat(RankCorrelation.averageRanks(A)).containsExactly(1, 2.5, 2.5, 4, 5);
    assertThat(RankCorrelation.averageRanks(B)).containsExactly(2, 1, 3.5, 3.5, 5);
  }

  @Test
  void spearmanWithTiesMatchesHandComputedValue() {
    // Rank deviations from 3: a (-2, -.5, -.5, 1, 2), b (-1, -2, .5, .5, 2):
    // sum of products 7.25, sums of squares 9.5 and 9.5, so rho = 7.25 / 9.5 = 29/38.
    assertThat(RankCorrelation.spearman(A, B)).isCloseTo(29.0 / 38.0, within(1e-12));
  }

  @Test
  void kendallTauBWithTiesMatchesHandComputedValue() {
    // 10 pairs: 7 concordant, 1 discordant (0,1), 1 tied in a (1,2), 1 tied in b (2,3):
    // tau-b = (7 - 1) / sqrt((10 - 1) * (10 - 1)) = 2/3.
    assertThat(RankCorrelation.kendallTauB(A, B)).isCloseTo(2.0 / 3.0, within(1e-12));
  }

  @Test
  void perfectAgreementIsOneAndReversalIsMinusOne() {
    double[] x = {0.3, 1.2, 2.5, 2.6, 9.0};
    double[] up = {1, 2, 3, 4, 5};
    double[] down = {5, 4, 3, 2, 1};
    assertThat(RankCorrelation.spearman(x, up)).isCloseTo(1.0, within(1e-12));
    assertThat(RankCorrelation.kendallTauB(x, up)).isCloseTo(1.0, within(1e-12));
    assertThat(RankCorrelation.spearman(x, down)).isCloseTo(-1.0, within(1e-12));
    assertThat(RankCorrelation.kendallTauB(x, down)).isCloseTo(-1.0, within(1e-12));
  }

  @Test
  void negativeZeroTiesWithZero() {
    double[] a = {0.0, -0.0, 1, 2};
    double[] b = {1, 0, 1, 3};
    assertThat(RankCorrelation.kendallTauB(a, b))
        .isCloseTo(RankCorrelation.kendallTauB(new double[] {0, 0, 1, 2}, b), within(1e-15));
  }

  @Test
  void twoDistinctPointsAreFullyConcordantOrDiscordant() {
    double[] x = {1, 2};
    assertThat(RankCorrelation.spearman(x, new double[] {3, 5})).isCloseTo(1.0, within(1e-12));
    assertThat(RankCorrelation.kendallTauB(x, new double[] {5, 3})).isEqualTo(-1.0);
    assertThat(RankCorrelation.spearman(new double[] {1}, new double[] {1})).isNaN();
  }

  @Test
  void negativeZeroInATieGroupStillOrdersItsPartnersByB() {
    // Pairs: (0,1) tied in a, (0,2) discordant, (1,2) concordant: tau-b = 0. Sorting -0.0 apart
    // from 0.0 would leave b unsorted inside the tie group and count (0,1) as discordant.
    double[] a = {-0.0, 0.0, 1};
    double[] b = {5, 1, 3};
    assertThat(RankCorrelation.kendallTauB(a, b)).isCloseTo(0.0, within(1e-15));
  }

  @Test
  void mismatchedLengthsOrNaNOnEitherSideAreRejected() {
    double[] x = {1, 2, 3};
    double[] withNaN = {1, Double.NaN, 3};
    for (BiFunction<double[], double[], Double> f :
        List.<BiFunction<double[], double[], Double>>of(
            RankCorrelation::spearman, RankCorrelation::kendallTauB)) {
      assertThatThrownBy(() -> f.apply(x, new double[] {1, 2}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("lengths differ");
      assertThatThrownBy(() -> f.apply(withNaN, x)).hasMessageContaining("NaN at index 1");
      assertThatThrownBy(() -> f.apply(x, withNaN)).hasMessageContaining("NaN at index 1");
    }
  }

  @Test
  void constantInputGivesNaN() {
    double[] c = {2, 2, 2};
    double[] x = {1, 2, 3};
    assertThat(RankCorrelation.spearman(c, x)).isNaN();
    assertThat(RankCorrelation.kendallTauB(x, c)).isNaN();
    assertThat(RankCorrelation.kendallTauB(new double[] {1}, new double[] {1})).isNaN();
  }

  @Test
  void knightsAlgorithmAgreesWithThePairwiseDefinitionOnTiedRandomData() {
    Random random = new Random(9);
    for (int trial = 0; trial < 20; trial++) {
      int n = 2 + random.nextInt(60);
      double[] a = new double[n];
      double[] b = new double[n];
      for (int i = 0; i < n; i++) {
        a[i] = random.nextInt(6);
        b[i] = random.nextInt(4) + 0.5 * a[i];
      }
      double expected = pairwiseTauB(a, b);
      double actual = RankCorrelation.kendallTauB(a, b);
      if (Double.isNaN(expected)) {
        assertThat(actual).isNaN();
      } else {
        assertThat(actual).isCloseTo(expected, within(1e-12));
      }
    }
  }

  private static double pairwiseTauB(double[] a, double[] b) {
    long c = 0;
    long d = 0;
    long tiesA = 0;
    long tiesB = 0;
    long pairs = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = i + 1; j < a.length; j++) {
        pairs++;
        double s = Math.signum(a[i] - a[j]) * Math.signum(b[i] - b[j]);
        c += s > 0 ? 1 : 0;
        d += s < 0 ? 1 : 0;
        tiesA += a[i] == a[j] ? 1 : 0;
        tiesB += b[i] == b[j] ? 1 : 0;
      }
    }
    double den = Math.sqrt((double) (pairs - tiesA) * (pairs - tiesB));
    return den == 0 ? Double.NaN : (c - d) / den;
  }
}
