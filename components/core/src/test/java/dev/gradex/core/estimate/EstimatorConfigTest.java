package dev.gradex.core.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.core.InvalidInputException;
import dev.gradex.core.store.ExampleBlock;
import dev.gradex.core.store.ExampleBlocks;
import dev.gradex.core.store.HeapExampleBlocks;
import java.util.List;
import org.junit.jupiter.api.Test;

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
            "--lambda must be > 0, got 0.0",
            "--tolerance must be in (0, 1), got 1.0",
            "--max-iterations must be >= 1, got 0",
            "--reference-c must be > 0, got -1.0",
            "--label-probability must be in (0, 1), got 1.5",
            "--reference-scale must be in (0, 1], got 2.0",
            "--parameter-count must be >= 0, got -3",
            "--adapter-norm must be > 0, got -1.0")
        .extracting(e -> ((InvalidInputException) e).subject())
        .isEqualTo(
            "--lambda, --tolerance, --max-iterations, --reference-c, --label-probability,"
                + " --reference-scale, --parameter-count, --adapter-norm");
  }

  @Test
  void normCapWithoutAdapterSizeIsRejectedWhenEstimating() {
    EstimatorConfig capped = EstimatorConfig.builder().optNormCap(0.1).build();
    assertThatThrownBy(capped::requireAdapterForNorms)
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("--norm-cap")
        .hasMessageContaining("adapterNorm");
    capped.withAdapter(1000, 2.0).requireAdapterForNorms();
    assertThat(capped.withAdapter(1000, 2.0).normCap()).isEqualTo(0.1);
  }

  @Test
  void referenceScaleWithoutAdapterIsRejectedWhenEstimating() {
    assertThatThrownBy(
            () -> EstimatorConfig.builder().optReferenceScale(0.2).build().requireAdapterForNorms())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("--reference-scale");
  }

  @Test
  void nanLambdaIsRejected() {
    assertThatThrownBy(() -> EstimatorConfig.builder().optLambda(Double.NaN).build())
        .hasMessageContaining("--lambda must be > 0, got NaN");
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
            "--estimator: unknown estimator 'exact'; valid: faithful, reference, closed-form,"
                + " one-newton");
  }

  @Test
  void tokenWeightingWithoutValidationTokensIsRejected() {
    ExampleBlock validation = new ExampleBlock(2, 1, new float[2], new float[2], new int[2]);
    ExampleBlocks blocks = new HeapExampleBlocks(List.of("a"), List.of(validation), validation, -1);
    EstimatorConfig config = EstimatorConfig.builder().optTokenWeighted(true).build();
    assertThatThrownBy(() -> SubsetEstimators.create(EstimatorMode.FAITHFUL, blocks, config))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("--token-weighted: no validation example has a target token to weight by");
  }
}
