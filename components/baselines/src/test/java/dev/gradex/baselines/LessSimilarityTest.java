package dev.gradex.baselines;

import static dev.gradex.baselines.TinyRun.Row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LESS-style scores on a store with known gradients: each source's score is the cosine of its mean
 * loss gradient -sigma(-b) gtilde with the target validation mean.
 */
class LessSimilarityTest {
  @TempDir Path dir;

  private BaselineInputs run() throws Exception {
    return new TinyRun()
        .source("opposed", new Row("a", 0f, -1f, 0f))
        .source("aligned", new Row("b", 0f, 2f, 0f), new Row("c", 0f, 1f, 0f))
        .source("orthogonal", new Row("d", 0f, 0f, 3f))
        // the example with the larger loss (b = -5) weighs sigma(5) / sigma(-5) = e^5 times more
        .source("weighted", new Row("e", -5f, 1f, 0f), new Row("f", 5f, 0f, 1f))
        .source("diagonal", new Row("g", 0f, 1f, 1f))
        .target(new Row("t", 0f, 0f, 1f))
        .validation(new Row("v", 0f, 1f, 0f), new Row("w", 1f, 2f, 0f))
        .write(dir);
  }

  @Test
  void sourcesRankByTheCosineOfTheirMeanLossGradientWithTheTargetValidationMean() throws Exception {
    BaselineSelection s = Baselines.select(SelectionMethod.LESS, run(), 2, 0);

    assertThat(s.ranking())
        .extracting(SourceScore::source)
        .containsExactly("aligned", "weighted", "diagonal", "orthogonal", "opposed");
    assertThat(s.selected()).containsExactly("aligned", "weighted");
    double sigma5 = 1 / (1 + Math.exp(-5));
    double sigmaMinus5 = 1 / (1 + Math.exp(5));
    double weighted = sigma5 / Math.hypot(sigma5, sigmaMinus5);
    assertThat(s.ranking().get(0).score()).isCloseTo(1.0, within(1e-12));
    assertThat(s.ranking().get(1).score()).isCloseTo(weighted, within(1e-9));
    assertThat(s.ranking().get(2).score()).isCloseTo(Math.sqrt(0.5), within(1e-12));
    assertThat(s.ranking().get(3).score()).isCloseTo(0.0, within(1e-12));
    assertThat(s.ranking().get(4).score()).isCloseTo(-1.0, within(1e-12));
  }

  @Test
  void theLossWeightIsMinusSigmaOfMinusTheOffset() {
    assertThat(LessSimilarity.lossWeight(0)).isEqualTo(-0.5);
    assertThat(LessSimilarity.lossWeight(2)).isCloseTo(-1 / (1 + Math.exp(2)), within(1e-15));
  }
}
