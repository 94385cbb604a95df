package dev.gradex.core.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.gradex.core.InvalidInputException;
import dev.gradex.core.store.ExampleBlock;
import dev.gradex.core.store.ExampleBlocks;
import dev.gradex.core.store.HeapExampleBlocks;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EstimatorConfigTest {
  @Test
  void defaultsAreTheDocumentedValues() {
    EstimatorConfig c = EstimatorConfig.defaults();
    assertThat(c.lambda()).isEqualTo(0.01);
    assertThat(c.tolerance()).isEqualTo(1e-6);
    assertThat(c.maxIterations()).isEqualTo(200);
    assertThat(c.referenceC()).isEqualTo(1e-4);
    assertThat(c.labelProbability()).isEqualTo(0.7);
    assertThat(c.normCap()).isNaN();
    assertThat(c.referenceScale()).isNaN();
    assertThat(c.knowsAdapter()).isFalse();
    assertThat(c.tokenWeighted()).isFalse();
  }

  @Test
  void invalidValuesAreAllReportedInOneException() {
    assertThatThrownBy(
            () ->
                EstimatorConfig.builder()
                    .optLambda(0)
                    .optTolerance(1)
                    .optMaxIterations(0)
                    .optReferenceC(-1)
                    .optLabelProbability(1.5)
                    .optReferenceScale(2)
                    .optParameterCount(-3)
                    .optAdapterNorm(-1)
                    .build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContainingAll(
            "lambda must be > 0, got 0.0",
            "tolerance must be in (0, 1), got 1.0",
            "maxIterations must be >= 1, got 0",
            "referenceC must be > 0, got -1.0",
            "labelProbability must be in (0, 1), got 1.5",
            "referenceScale must be in (0, 1], got 2.0",
            "parameterCount must be >= 0, got -3",
            "adapterNorm must be > 0, got -1.0")
        .extracting(e -> ((InvalidInputException) e).subject())
        .isEqualTo(
            "lambda, tolerance, maxIterations, referenceC, labelProbability,"
                + " referenceScale, parameterCount, adapterNorm");
  }

  @Test
  void adapterIsKnownOnlyWithAPositiveParameterCountAndANorm() {
    assertThat(
            EstimatorConfig.builder().optParameterCount(1).optAdapterNorm(2).build().knowsAdapter())
        .isTrue();
    assertThat(
            EstimatorConfig.builder().optParameterCount(0).optAdapterNorm(2).build().knowsAdapter())
        .isFalse();
    assertThat(EstimatorConfig.builder().optParameterCount(1).build().knowsAdapter()).isFalse();
  }

  @Test
  void factoryOverBlocksRefusesANormCapWithoutAdapterSize() {
    EstimatorConfig capped = EstimatorConfig.builder().optNormCap(0.1).build();
    assertThatThrownBy(() -> SubsetEstimators.over(SyntheticBlocks.small(1), capped))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("normCap");
  }

  private static final double INF = Double.POSITIVE_INFINITY;

  /** Each option at the edges of its valid range: the value named is rejected, alone. */
  static Stream<Arguments> valuesJustOutsideTheirRange() {
    return Stream.of(
        arguments("lambda", (UnaryOperator<EstimatorConfig.Builder>) b -> b.optLambda(0)),
        arguments("lambda", (UnaryOperator<EstimatorConfig.Builder>) b -> b.optLambda(INF)),
        arguments("normCap", (UnaryOperator<EstimatorConfig.Builder>) b -> b.optNormCap(0)),
        arguments("normCap", (UnaryOperator<EstimatorConfig.Builder>) b -> b.optNormCap(INF)),
        arguments("tolerance", (UnaryOperator<EstimatorConfig.Builder>) b -> b.optTolerance(0)),
        arguments("tolerance", (UnaryOperator<EstimatorConfig.Builder>) b -> b.optTolerance(1)),
        arguments(
            "maxIterations", (UnaryOperator<EstimatorConfig.Builder>) b -> b.optMaxIterations(0)),
        arguments("referenceC", (UnaryOperator<EstimatorConfig.Builder>) b -> b.optReferenceC(0)),
        arguments("referenceC", (UnaryOperator<EstimatorConfig.Builder>) b -> b.optReferenceC(INF)),
        arguments(
            "labelProbability",
            (UnaryOperator<EstimatorConfig.Builder>) b -> b.optLabelProbability(0)),
        arguments(
            "labelProbability",
            (UnaryOperator<EstimatorConfig.Builder>) b -> b.optLabelProbability(1)),
        arguments(
            "referenceScale", (UnaryOperator<EstimatorConfig.Builder>) b -> b.optReferenceScale(0)),
        arguments(
            "parameterCount",
            (UnaryOperator<EstimatorConfig.Builder>) b -> b.optParameterCount(-1)),
        arguments("adapterNorm", (UnaryOperator<EstimatorConfig.Builder>) b -> b.optAdapterNorm(0)),
        arguments(
            "adapterNorm", (UnaryOperator<EstimatorConfig.Builder>) b -> b.optAdapterNorm(INF)));
  }

  @ParameterizedTest(name = "{0} #{index}")
  @MethodSource("valuesJustOutsideTheirRange")
  void valueJustOutsideItsRangeIsRejectedNamingOnlyThatOption(
      String option, UnaryOperator<EstimatorConfig.Builder> set) {
    assertThatThrownBy(() -> set.apply(EstimatorConfig.builder()).build())
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).subject())
        .isEqualTo(option);
  }

  @Test
  void valuesAtTheInclusiveEdgesOrJustInsideAreAccepted() {
    EstimatorConfig c =
        EstimatorConfig.builder()
            .optLambda(Double.MIN_VALUE)
            .optNormCap(Double.MIN_VALUE)
            .optTolerance(Math.nextDown(1.0))
            .optMaxIterations(1)
            .optReferenceC(Double.MAX_VALUE)
            .optLabelProbability(Math.nextDown(1.0))
            .optReferenceScale(1)
            .optParameterCount(0)
            .optAdapterNorm(Double.MAX_VALUE)
            .build();
    assertThat(c.maxIterations()).isEqualTo(1);
    assertThat(c.referenceScale()).isEqualTo(1);
    assertThat(
            EstimatorConfig.builder()
                .optTolerance(Double.MIN_VALUE)
                .optLabelProbability(Double.MIN_VALUE)
                .optReferenceScale(Double.MIN_VALUE)
                .optLambda(Double.MAX_VALUE)
                .optNormCap(Double.MAX_VALUE)
                .optReferenceC(Double.MIN_VALUE)
                .optAdapterNorm(Double.MIN_VALUE)
                .build()
                .lambda())
        .isEqualTo(Double.MAX_VALUE);
  }

  @Test
  void normCapWithoutAdapterSizeIsRejectedWhenEstimating() {
    EstimatorConfig capped = EstimatorConfig.builder().optNormCap(0.1).build();
    assertThatThrownBy(capped::requireAdapterForNorms)
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("normCap")
        .hasMessageContaining("adapterNorm");
    capped.withAdapter(1000, 2.0).requireAdapterForNorms();
    assertThat(capped.withAdapter(1000, 2.0).normCap()).isEqualTo(0.1);
  }

  @Test
  void referenceScaleWithoutAdapterIsRejectedWhenEstimating() {
    assertThatThrownBy(
            () -> EstimatorConfig.builder().optReferenceScale(0.2).build().requireAdapterForNorms())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("referenceScale");
  }

  @Test
  void nanLambdaIsRejected() {
    assertThatThrownBy(() -> EstimatorConfig.builder().optLambda(Double.NaN).build())
        .hasMessageContaining("lambda must be > 0, got NaN");
  }

  @Test
  void modeNamesRoundTripAndUnknownNameListsValidOnes() {
    for (EstimatorMode mode : EstimatorMode.values()) {
      assertThat(EstimatorMode.fromName(mode.cliName())).isSameAs(mode);
    }
    assertThat(EstimatorMode.fromName("one-newton")).isEqualTo(EstimatorMode.ONE_NEWTON);
    assertThatThrownBy(() -> EstimatorMode.fromName("exact"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "mode: unknown estimator 'exact'; valid: faithful, reference, closed-form,"
                + " one-newton");
  }

  @Test
  void tokenWeightingWithoutValidationTokensIsRejected() {
    ExampleBlock validation = new ExampleBlock(2, 1, new float[2], new float[2], new int[2]);
    ExampleBlocks blocks = new HeapExampleBlocks(List.of("a"), List.of(validation), validation, -1);
    EstimatorConfig config = EstimatorConfig.builder().optTokenWeighted(true).build();
    assertThatThrownBy(() -> SubsetEstimators.create(EstimatorMode.FAITHFUL, blocks, config))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("tokenWeighted: no validation example has a target token to weight by");
  }
}
