package dev.gradex.core.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gradex.core.store.ExampleBlock;
import dev.gradex.core.store.ExampleBlocks;
import dev.gradex.core.store.HeapExampleBlocks;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaithfulEstimatorTest {
  private static final int[] SUBSET = {1, 4, 5, 8};

  private static int iterations(double featureScale, double lambda) {
    ExampleBlocks blocks = SyntheticBlocks.create(41, 20, 10, 30, 40, featureScale, true);
    EstimatorConfig config = EstimatorConfig.builder().optLambda(lambda).optTolerance(1e-8).build();
    SubsetEstimate e =
        SubsetEstimators.create(EstimatorMode.FAITHFUL, blocks, config)
            .estimate(new int[] {0, 2, 3, 7, 9});
    assertThat(e.converged()).isTrue();
    return e.iterations();
  }

  @Test
  void preconditionerKeepsTheSolveShort() {
    // The exact Hessian at 0 as preconditioner: one step when the loss is quadratic over it (67
    // steps without it). Refreshing it as curvature changes: 15 and 24 steps here, against 26 and
    // 55 with the preconditioner frozen at 0. Bounds leave room for last-bit differences of exp.
    assertThat(iterations(1e-3, 0.01)).isEqualTo(1);
    assertThat(iterations(0.3, 1e-3)).isLessThanOrEqualTo(19);
    assertThat(iterations(1.0, 1e-3)).isLessThanOrEqualTo(30);
  }

  @Test
  void solutionHasKktResidualBelowToleranceComputedIndependently() {
    ExampleBlocks blocks = SyntheticBlocks.small(11);
    EstimatorConfig config = EstimatorConfig.builder().optLambda(0.01).optTolerance(1e-8).build();
    SubsetEstimate e =
        SubsetEstimators.create(EstimatorMode.FAITHFUL, blocks, config).estimate(SUBSET);

    DenseLogistic dense = new DenseLogistic(blocks, SUBSET, 0.01, false);
    double residual = DenseLogistic.norm(dense.gradient(e.w()));
    double initial = DenseLogistic.norm(dense.gradient(new double[20]));
    assertThat(e.converged()).isTrue();
    assertThat(residual).isLessThanOrEqualTo(1e-8 * Math.max(1, initial));
    assertThat(e.gradientNorm()).isCloseTo(residual, within(1e-12));
    assertThat(e.iterations()).isBetween(1, 20);
  }

  @Test
  void solutionMatchesPlainNewtonInTheTestTo1e6() {
    ExampleBlocks blocks = SyntheticBlocks.create(5, 20, 10, 30, 40, 0.5, true);
    EstimatorConfig config = EstimatorConfig.builder().optTolerance(1e-9).build();
    SubsetEstimate e =
        SubsetEstimators.create(EstimatorMode.FAITHFUL, blocks, config).estimate(SUBSET);

    double[] newton = new DenseLogistic(blocks, SUBSET, 0.01, false).newton(20);
    assertThat(e.w()).containsExactly(newton, within(1e-6));
    assertThat(e.estimatedLoss())
        .isCloseTo(
            DenseLogistic.validationLoss(blocks.validation(), newton, 1, false), within(1e-7));
    assertThat(e.normScale()).isEqualTo(1.0);
    assertThat(e.relativeNorm()).isNaN();
  }

  @Test
  void farFromLinearRegimeStillMatchesPlainNewton() {
    // Feature scale 1.5 with lambda 0.01: margins move by several units, so the preconditioner
    // refresh and the line search both take part.
    ExampleBlocks blocks = SyntheticBlocks.create(7, 20, 10, 30, 40, 1.5, true);
    EstimatorConfig config = EstimatorConfig.builder().optTolerance(1e-10).build();
    SubsetEstimate e =
        SubsetEstimators.create(EstimatorMode.FAITHFUL, blocks, config).estimate(SUBSET);

    double[] newton = new DenseLogistic(blocks, SUBSET, 0.01, false).newton(20);
    assertThat(e.converged()).isTrue();
    assertThat(e.w()).containsExactly(newton, within(1e-7));
    assertThat(e.iterations()).isLessThan(60);
  }

  @Test
  void oddRowCountsAndTokenWeightsMatchPlainNewton() {
    // 31 rows per task exercises the unpaired last row of the fused pass.
    ExampleBlocks blocks = SyntheticBlocks.create(6, 9, 5, 31, 17, 0.4, true);
    EstimatorConfig config =
        EstimatorConfig.builder()
            .optTolerance(1e-10)
            .optTokenWeighted(true)
            .optLambda(0.05)
            .build();
    int[] subset = {0, 3};
    SubsetEstimate e =
        SubsetEstimators.create(EstimatorMode.FAITHFUL, blocks, config).estimate(subset);

    double[] newton = new DenseLogistic(blocks, subset, 0.05, true).newton(9);
    assertThat(e.w()).containsExactly(newton, within(1e-8));
    assertThat(e.estimatedLoss())
        .isCloseTo(
            DenseLogistic.validationLoss(blocks.validation(), newton, 1, true), within(1e-9));
  }

  @Test
  void defaultToleranceBoundsDistanceToExactSolutionByResidualOverLambda() {
    ExampleBlocks blocks = SyntheticBlocks.create(5, 20, 10, 30, 40, 0.5, true);
    SubsetEstimate e =
        SubsetEstimators.create(EstimatorMode.FAITHFUL, blocks, EstimatorConfig.defaults())
            .estimate(SUBSET);

    double[] newton = new DenseLogistic(blocks, SUBSET, 0.01, false).newton(20);
    double distance = 0;
    for (int j = 0; j < 20; j++) {
      distance += (e.w()[j] - newton[j]) * (e.w()[j] - newton[j]);
    }
    // F is lambda-strongly convex, so ||w - w*|| <= ||grad F(w)|| / lambda.
    assertThat(Math.sqrt(distance)).isLessThanOrEqualTo(e.gradientNorm() / 0.01);
    assertThat(e.gradientNorm()).isLessThan(1e-6);
  }

  @Test
  void emptySubsetWithoutTargetGivesZeroUpdateAndValidationLossAtOffsets() {
    ExampleBlocks blocks = SyntheticBlocks.create(3, 20, 10, 30, 40, 0.3, false);
    SubsetEstimate e =
        SubsetEstimators.create(EstimatorMode.FAITHFUL, blocks, EstimatorConfig.defaults())
            .estimate(new int[0]);

    ExampleBlock v = blocks.validation();
    double expected = 0;
    for (int r = 0; r < v.rows(); r++) {
      expected += Math.log1p(Math.exp(-v.offsets()[r])) / v.rows();
    }
    assertThat(e.w()).containsOnly(0.0);
    assertThat(e.estimatedLoss()).isCloseTo(expected, within(1e-12));
    assertThat(e.iterations()).isZero();
  }

  @Test
  void emptySubsetWithTargetFitsTargetDataOnly() {
    ExampleBlocks blocks = SyntheticBlocks.small(4);
    EstimatorConfig config = EstimatorConfig.builder().optTolerance(1e-9).build();
    SubsetEstimators factory = SubsetEstimators.over(blocks, config);
    Baseline baseline = factory.baseline(EstimatorMode.FAITHFUL);

    double[] newton = new DenseLogistic(blocks, new int[0], 0.01, false).newton(20);
    assertThat(baseline.targetOnlyLoss())
        .isCloseTo(
            DenseLogistic.validationLoss(blocks.validation(), newton, 1, false), within(1e-7));
    assertThat(baseline.zeroUpdateLoss())
        .isCloseTo(
            DenseLogistic.validationLoss(blocks.validation(), new double[20], 1, false),
            within(1e-12));
    assertThat(baseline.targetOnlyLoss()).isNotEqualTo(baseline.zeroUpdateLoss());
  }

  @Test
  void tokenWeightingPullsSolutionTowardsLongExamples() {
    // Two one-dimensional examples pulling w in opposite directions; the second has 9x the tokens.
    ExampleBlock train =
        new ExampleBlock(2, 1, new float[] {1f, -1f}, new float[2], new int[] {1, 9});
    ExampleBlock validation =
        new ExampleBlock(1, 1, new float[] {-1f}, new float[1], new int[] {1});
    ExampleBlocks blocks = new HeapExampleBlocks(List.of("a"), List.of(train), validation, -1);
    EstimatorConfig plain = EstimatorConfig.builder().optLambda(0.1).build();
    EstimatorConfig weighted =
        EstimatorConfig.builder().optLambda(0.1).optTokenWeighted(true).build();

    SubsetEstimate unweighted =
        SubsetEstimators.create(EstimatorMode.FAITHFUL, blocks, plain).estimate(new int[] {0});
    SubsetEstimate tokens =
        SubsetEstimators.create(EstimatorMode.FAITHFUL, blocks, weighted).estimate(new int[] {0});

    // Unweighted, the pulls cancel by symmetry; weighted, the long example wins: w < 0, and the
    // validation example (x = -1) gets a larger margin, hence a lower loss than log 2.
    assertThat(unweighted.w()[0]).isCloseTo(0.0, within(1e-12));
    assertThat(tokens.w()[0]).isLessThan(-0.5);
    assertThat(unweighted.estimatedLoss()).isCloseTo(Math.log(2), within(1e-12));
    assertThat(tokens.estimatedLoss()).isLessThan(Math.log(2) - 0.2);
    // Stationarity of 0.1 sigmoid(-w) - 0.9 sigmoid(w) + 0.1 w = 0 checked directly.
    double w = tokens.w()[0];
    double grad = -0.1 / (1 + Math.exp(w)) + 0.9 / (1 + Math.exp(-w)) + 0.1 * w;
    assertThat(grad).isCloseTo(0.0, within(1e-6));
  }

  @Test
  void normCapLimitsRelativeNormOfTheAppliedUpdate() {
    ExampleBlocks blocks = SyntheticBlocks.small(8);
    EstimatorConfig config =
        EstimatorConfig.builder()
            .optNormCap(0.05)
            .optParameterCount(20_000)
            .optAdapterNorm(10)
            .build();
    SubsetEstimate e =
        SubsetEstimators.create(EstimatorMode.FAITHFUL, blocks, config).estimate(SUBSET);

    double wNorm = DenseLogistic.norm(e.w());
    double uncapped = Math.sqrt(20_000 / 20.0) * wNorm / 10;
    assertThat(uncapped).isGreaterThan(0.05);
    assertThat(e.normScale()).isCloseTo(0.05 / uncapped, within(1e-12));
    assertThat(e.relativeNorm()).isCloseTo(0.05, within(1e-12));
    assertThat(e.estimatedLoss())
        .isCloseTo(
            DenseLogistic.validationLoss(blocks.validation(), e.w(), e.normScale(), false),
            within(1e-12));
  }

  @Test
  void targetTaskInSubsetIsRejected() {
    ExampleBlocks blocks = SyntheticBlocks.small(1);
    SubsetEstimator estimator =
        SubsetEstimators.create(EstimatorMode.FAITHFUL, blocks, EstimatorConfig.defaults());
    assertThatThrownBy(() -> estimator.estimate(new int[] {10}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("target");
    assertThatThrownBy(() -> estimator.estimate(new int[] {2, 2})).hasMessageContaining("repeated");
  }
}
