package dev.gradex.core.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gradex.core.store.ExampleBlock;
import dev.gradex.core.store.ExampleBlocks;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ReferenceEstimatorTest {
  private static final int[] SUBSET = {1, 2, 6};

  private static ReferenceEstimator reference(ExampleBlocks blocks, EstimatorConfig config) {
    return SubsetEstimators.over(blocks, config).reference();
  }

  /** Gradient of liblinear's primal 0.5 (||w||^2 + b^2) + C sum log(1 + exp(-y (w.x' + b))). */
  private static double[] liblinearGradient(ReferenceProblem p) {
    int d = p.dim();
    double[] g = new double[d + 1];
    for (int i = 0; i < p.rows(); i++) {
      double y = p.labels()[i] == 1 ? 1 : -1;
      double m = p.intercept();
      for (int j = 0; j < d; j++) {
        m += p.w()[j] * p.features()[i * d + j];
      }
      double coef = -p.c() * y / (1 + Math.exp(y * m));
      for (int j = 0; j < d; j++) {
        g[j] += coef * p.features()[i * d + j];
      }
      g[d] += coef;
    }
    for (int j = 0; j < d; j++) {
      g[j] += p.w()[j];
    }
    g[d] += p.intercept();
    return g;
  }

  @Test
  void solutionSatisfiesLiblinearKktConditionsAtDefaultAndLargeC() {
    ExampleBlocks blocks = SyntheticBlocks.small(31);
    for (double c : new double[] {1e-4, 1.0}) {
      ReferenceProblem p =
          reference(blocks, EstimatorConfig.builder().optReferenceC(c).build()).problem(SUBSET);

      assertThat(p.rows()).isEqualTo(4 * 30);
      assertThat(p.c()).isEqualTo(c);
      ReferenceProblem atZero =
          new ReferenceProblem(
              p.rows(), p.dim(), p.features(), p.labels(), c, new double[p.dim()], 0, 0);
      double initial = DenseLogistic.norm(liblinearGradient(atZero));
      // Solved to 1e-10 relative; the test's own float-to-double sums may differ by rounding.
      assertThat(DenseLogistic.norm(liblinearGradient(p))).isLessThan(2e-10 * Math.max(1, initial));
      assertThat(p.gradientNorm()).isLessThanOrEqualTo(1e-10 * Math.max(1, initial));
    }
  }

  @Test
  void labelsAreDeterministicSubsetIndependentAndAboutSeventyPercentPositive() {
    ExampleBlocks blocks = SyntheticBlocks.create(32, 5, 40, 50, 10, 0.3, false);
    EstimatorConfig config = EstimatorConfig.builder().optSeed(7).build();
    int[] all = new int[40];
    Arrays.setAll(all, i -> i);
    int[] labels = reference(blocks, config).problem(all).labels();
    int[] again = reference(blocks, config).problem(all).labels();
    int[] onlyTask39 = reference(blocks, config).problem(new int[] {39}).labels();
    int[] otherSeed =
        reference(blocks, EstimatorConfig.builder().optSeed(8).build()).problem(all).labels();

    assertThat(again).isEqualTo(labels);
    assertThat(onlyTask39).isEqualTo(Arrays.copyOfRange(labels, 39 * 50, 40 * 50));
    assertThat(otherSeed).isNotEqualTo(labels);
    double positive = Arrays.stream(labels).average().orElseThrow();
    // 2000 Bernoulli(0.7) draws: standard deviation 0.01.
    assertThat(positive).isBetween(0.67, 0.73);
  }

  @Test
  void featuresAreFlippedForLabelZero() {
    ExampleBlocks blocks = SyntheticBlocks.small(33);
    ReferenceProblem p = reference(blocks, EstimatorConfig.defaults()).problem(new int[] {4});
    ExampleBlock task = blocks.block(4);
    for (int r = 0; r < 30; r++) {
      float sign = p.labels()[r] == 1 ? 1f : -1f;
      assertThat(p.features()[r * 20 + 3]).isEqualTo(sign * task.features()[r * 20 + 3]);
    }
    // The target task's rows follow the subset's.
    assertThat(p.rows()).isEqualTo(60);
    assertThat(Math.abs(p.features()[30 * 20])).isEqualTo(Math.abs(blocks.block(10).features()[0]));
  }

  @Test
  void smallCSolutionIsProportionalToSummedGradients() {
    ExampleBlocks blocks = SyntheticBlocks.small(34);
    ReferenceProblem p = reference(blocks, EstimatorConfig.defaults()).problem(SUBSET);
    double[] sum = new double[20];
    for (int i = 0; i < p.rows(); i++) {
      double y = p.labels()[i] == 1 ? 1 : -1;
      for (int j = 0; j < 20; j++) {
        sum[j] += y * p.features()[i * 20 + j];
      }
    }
    double dot = 0;
    for (int j = 0; j < 20; j++) {
      dot += sum[j] * p.w()[j];
    }
    double cosine = dot / (DenseLogistic.norm(sum) * DenseLogistic.norm(p.w()));
    assertThat(cosine).isGreaterThan(0.999);
    // At v = 0 the gradient is -C/2 sum y x', and the Hessian is I + O(C N ||x||^2) ~ I + 0.04 I.
    double expected = 0.5e-4 * DenseLogistic.norm(sum);
    assertThat(DenseLogistic.norm(p.w())).isCloseTo(expected, within(0.01 * expected));
  }

  @Test
  void updateIsRescaledToScaleTimesAdapterNorm() {
    ExampleBlocks blocks = SyntheticBlocks.small(35);
    EstimatorConfig config =
        EstimatorConfig.builder()
            .optReferenceScale(0.1)
            .optParameterCount(80_000)
            .optAdapterNorm(4)
            .build();
    SubsetEstimate e =
        SubsetEstimators.create(EstimatorMode.REFERENCE, blocks, config).estimate(SUBSET);

    double projected = Math.sqrt(80_000 / 20.0) * e.normScale() * DenseLogistic.norm(e.w());
    assertThat(projected).isCloseTo(0.1 * 4, within(1e-12));
    assertThat(e.relativeNorm()).isCloseTo(0.1, within(1e-12));
    assertThat(e.converged()).isTrue();
    assertThat(e.estimatedLoss())
        .isCloseTo(
            DenseLogistic.validationLoss(blocks.validation(), e.w(), e.normScale(), false),
            within(1e-12));
  }

  @Test
  void withoutScaleTheUpdateIsNotRescaled() {
    ExampleBlocks blocks = SyntheticBlocks.small(36);
    SubsetEstimate e =
        SubsetEstimators.create(EstimatorMode.REFERENCE, blocks, EstimatorConfig.defaults())
            .estimate(SUBSET);
    assertThat(e.normScale()).isEqualTo(1.0);
    assertThat(e.relativeNorm()).isNaN();
  }
}
