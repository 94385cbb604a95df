package dev.gradex.core.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gradex.core.store.ExampleBlocks;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class FastPathTest {
  private static final int[] SUBSET = {0, 2, 3, 7, 9};
  private static final List<int[]> SUBSETS =
      List.of(new int[] {0, 1, 2}, new int[] {3, 4, 5, 6, 7}, SUBSET, new int[] {8});

  private static FastPathError error(ExampleBlocks blocks, EstimatorMode mode, double lambda) {
    EstimatorConfig config =
        EstimatorConfig.builder().optLambda(lambda).optTolerance(1e-10).build();
    SubsetEstimators factory = SubsetEstimators.over(blocks, config);
    return FastPathError.compare(
        factory.create(mode), factory.create(EstimatorMode.FAITHFUL), SUBSETS);
  }

  @Test
  void oneNewtonEqualsFaithfulWhenFeaturesAreTiny() {
    ExampleBlocks blocks = SyntheticBlocks.create(21, 20, 10, 30, 40, 1e-3, true);
    FastPathError e = error(blocks, EstimatorMode.ONE_NEWTON, 0.01);

    assertThat(e.subsets()).isEqualTo(4);
    assertThat(e.maxRelativeUpdateError()).isLessThan(1e-4);
    assertThat(e.maxLossError()).isLessThan(1e-9);
  }

  @Test
  void oneNewtonStaysWithinBoundOnModeratelyNonlinearProblem() {
    ExampleBlocks blocks = SyntheticBlocks.create(22, 20, 10, 30, 40, 0.1, true);
    FastPathError oneNewton = error(blocks, EstimatorMode.ONE_NEWTON, 0.01);
    FastPathError closedForm = error(blocks, EstimatorMode.CLOSED_FORM, 0.01);

    assertThat(oneNewton.maxRelativeUpdateError()).isLessThan(0.1);
    assertThat(oneNewton.maxLossError()).isLessThan(0.05);
    assertThat(oneNewton.meanRelativeUpdateError())
        .isLessThan(closedForm.meanRelativeUpdateError() / 3);
  }

  @Test
  void oneNewtonSolvesTheQuadraticModelFromStatistics() {
    ExampleBlocks blocks = SyntheticBlocks.small(23);
    SubsetEstimate e =
        SubsetEstimators.create(EstimatorMode.ONE_NEWTON, blocks, EstimatorConfig.defaults())
            .estimate(SUBSET);

    DenseLogistic dense = new DenseLogistic(blocks, SUBSET, 0.01, false);
    double[] expected =
        DenseLogistic.solve(dense.hessian(new double[20]), dense.gradient(new double[20]));
    for (int j = 0; j < 20; j++) {
      expected[j] = -expected[j];
    }
    assertThat(e.w()).containsExactly(expected, within(1e-10));
    assertThat(e.iterations()).isEqualTo(1);
    assertThat(e.gradientNorm()).isNaN();
  }

  @Test
  void closedFormEqualsFirstOrderSolution() {
    ExampleBlocks blocks = SyntheticBlocks.small(24);
    EstimatorConfig config = EstimatorConfig.builder().optLambda(0.5).build();
    SubsetEstimate e =
        SubsetEstimators.create(EstimatorMode.CLOSED_FORM, blocks, config).estimate(SUBSET);

    double[] g0 = new DenseLogistic(blocks, SUBSET, 0.5, false).gradient(new double[20]);
    for (int j = 0; j < 20; j++) {
      assertThat(e.w()[j]).isCloseTo(-g0[j] / 0.5, within(1e-12));
    }
    assertThat(e.iterations()).isZero();
    assertThat(e.estimatedLoss())
        .isCloseTo(
            DenseLogistic.validationLoss(blocks.validation(), e.w(), 1, false), within(1e-12));
  }

  @Test
  void closedFormErrorShrinksInProportionToOneOverLambda() {
    ExampleBlocks blocks = SyntheticBlocks.small(25);
    double at1 = error(blocks, EstimatorMode.CLOSED_FORM, 1).meanRelativeUpdateError();
    double at10 = error(blocks, EstimatorMode.CLOSED_FORM, 10).meanRelativeUpdateError();
    double at100 = error(blocks, EstimatorMode.CLOSED_FORM, 100).meanRelativeUpdateError();

    // w* = -(H + lambda I)^{-1} g0 + O(g0^2): the relative gap to -g0/lambda is ~ ||H|| / lambda.
    assertThat(at10 / at1).isBetween(0.05, 0.2);
    assertThat(at100 / at10).isBetween(0.05, 0.2);
    assertThat(at100).isLessThan(0.01);
  }

  /** F(0) + g0.w + (1/2) w^T H0 w, every term recomputed from the examples at w = 0. */
  private static double quadraticModel(DenseLogistic dense, double[] w) {
    int d = w.length;
    double[] zero = new double[d];
    double[] g0 = dense.gradient(zero);
    double[][] h0 = dense.hessian(zero);
    double value = dense.loss(zero);
    for (int j = 0; j < d; j++) {
      value += g0[j] * w[j];
      for (int k = 0; k < d; k++) {
        value += 0.5 * w[j] * h0[j][k] * w[k];
      }
    }
    return value;
  }

  /** F(0) + g0.w + (lambda/2)||w||^2: the first-order model with the exact penalty. */
  private static double firstOrderModel(DenseLogistic dense, double[] w) {
    double[] zero = new double[w.length];
    double[] g0 = dense.gradient(zero);
    double value = dense.loss(zero);
    for (int j = 0; j < w.length; j++) {
      value += g0[j] * w[j] + 0.5 * dense.lambda * w[j] * w[j];
    }
    return value;
  }

  @ParameterizedTest(name = "tokenWeighted={0}")
  @ValueSource(booleans = {false, true})
  void oneNewtonTrainLossIsTheQuadraticModelRecomputedFromTheExamples(boolean tokenWeighted) {
    ExampleBlocks blocks = SyntheticBlocks.small(27);
    EstimatorConfig config =
        EstimatorConfig.builder().optLambda(0.05).optTokenWeighted(tokenWeighted).build();
    SubsetEstimate e =
        SubsetEstimators.create(EstimatorMode.ONE_NEWTON, blocks, config).estimate(SUBSET);

    DenseLogistic dense = new DenseLogistic(blocks, SUBSET, 0.05, tokenWeighted);
    double atZero = dense.loss(new double[20]);
    assertThat(e.trainLoss()).isCloseTo(quadraticModel(dense, e.w()), within(1e-12));
    // The step must lower the model by far more than the tolerance, or the check is vacuous.
    assertThat(atZero - e.trainLoss()).isGreaterThan(1e-3);
  }

  @ParameterizedTest(name = "tokenWeighted={0}")
  @ValueSource(booleans = {false, true})
  void closedFormTrainLossIsTheFirstOrderModelRecomputedFromTheExamples(boolean tokenWeighted) {
    // lambda = 0.3, not 0.5: at 0.5, 2 * lambda = 1 and dividing by it equals multiplying.
    ExampleBlocks blocks = SyntheticBlocks.small(28);
    EstimatorConfig config =
        EstimatorConfig.builder().optLambda(0.3).optTokenWeighted(tokenWeighted).build();
    SubsetEstimate e =
        SubsetEstimators.create(EstimatorMode.CLOSED_FORM, blocks, config).estimate(SUBSET);

    DenseLogistic dense = new DenseLogistic(blocks, SUBSET, 0.3, tokenWeighted);
    double atZero = dense.loss(new double[20]);
    assertThat(e.trainLoss()).isCloseTo(firstOrderModel(dense, e.w()), within(1e-12));
    assertThat(atZero - e.trainLoss()).isGreaterThan(1e-3);
  }

  @Test
  void oneNewtonTrainLossEqualsTheFaithfulObjectiveWhenFeaturesAreTiny() {
    // Tiny features keep the loss quadratic over the step, so the model value is the real loss.
    ExampleBlocks blocks = SyntheticBlocks.create(29, 20, 10, 30, 40, 1e-2, true);
    EstimatorConfig config = EstimatorConfig.builder().optLambda(0.01).build();
    SubsetEstimate e =
        SubsetEstimators.create(EstimatorMode.ONE_NEWTON, blocks, config).estimate(SUBSET);

    DenseLogistic dense = new DenseLogistic(blocks, SUBSET, 0.01, false);
    double gain = dense.loss(new double[20]) - dense.loss(e.w());
    assertThat(gain).isGreaterThan(1e-6);
    assertThat(e.trainLoss()).isCloseTo(dense.loss(e.w()), within(gain * 1e-3));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = EstimatorMode.class,
      names = {"CLOSED_FORM", "ONE_NEWTON"})
  void fastPathOfAnEmptySubsetWithoutTargetDataIsTheZeroUpdate(EstimatorMode mode) {
    ExampleBlocks blocks = SyntheticBlocks.create(30, 20, 10, 30, 40, 0.3, false);
    SubsetEstimator estimator = SubsetEstimators.create(mode, blocks, EstimatorConfig.defaults());
    SubsetEstimate e = estimator.estimate(new int[0]);

    assertThat(estimator.mode()).isEqualTo(mode);
    assertThat(e.w()).containsOnly(0.0);
    assertThat(e.trainLoss()).isZero();
    assertThat(e.estimatedLoss())
        .isCloseTo(
            DenseLogistic.validationLoss(blocks.validation(), e.w(), 1, false), within(1e-12));
  }

  @Test
  void everyEstimatorReportsTheModeItWasCreatedFor() {
    ExampleBlocks blocks = SyntheticBlocks.small(32);
    for (EstimatorMode mode : EstimatorMode.values()) {
      assertThat(SubsetEstimators.create(mode, blocks, EstimatorConfig.defaults()).mode())
          .isEqualTo(mode);
    }
  }

  @Test
  void faithfulComparedWithItselfHasZeroError() {
    ExampleBlocks blocks = SyntheticBlocks.small(26);
    SubsetEstimator faithful =
        SubsetEstimators.create(EstimatorMode.FAITHFUL, blocks, EstimatorConfig.defaults());
    FastPathError e = FastPathError.compare(faithful, faithful, SUBSETS);
    assertThat(e).isEqualTo(new FastPathError(4, 0, 0, 0, 0));
  }
}
