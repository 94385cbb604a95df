package dev.gradex.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradex.core.estimate.EstimatorConfig;
import dev.gradex.core.estimate.ReferenceProblem;
import dev.gradex.core.estimate.SubsetEstimators;
import dev.gradex.core.store.HeapExampleBlocks;
import dev.gradex.core.synth.SyntheticProblem;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reference-compatible mode reproduces the research code's solver: on the same inputs (random
 * labels, sign-flipped features), its coefficients and intercept match scikit-learn's
 * LogisticRegression(solver="liblinear") within 1e-4 relative.
 */
@Tag("fast")
class ReferenceParityIT {
  @TempDir Path dir;

  @ParameterizedTest(name = "C={0}")
  @ValueSource(doubles = {1e-4, 1e-2, 1.0})
  void referenceCoefficientsMatchLiblinear(double c) throws Exception {
    SyntheticProblem problem =
        SyntheticProblem.builder()
            .setSeed(8)
            .setDim(20)
            .setExamples(1500)
            .setTasks(10)
            .setHelpful(2)
            .build();
    HeapExampleBlocks blocks = problem.toBlocks();
    EstimatorConfig config = EstimatorConfig.builder().optReferenceC(c).optSeed(4).build();
    ReferenceProblem ours =
        SubsetEstimators.over(blocks, config).reference().problem(new int[] {1, 4, 5, 6, 9});

    int[] labels01 = new int[ours.rows()];
    for (int i = 0; i < labels01.length; i++) {
      labels01[i] = ours.labels()[i] > 0 ? 1 : 0;
    }
    double positive = java.util.Arrays.stream(labels01).average().orElse(0);
    assertThat(positive).as("share of label 1").isBetween(0.65, 0.75);
    ProblemFiles.floats(dir.resolve("X.f32"), ours.features(), ours.rows() * ours.dim());
    ProblemFiles.ints(dir.resolve("y.i32"), labels01);
    ProblemFiles.meta(
        dir.resolve("meta.json"),
        Map.of("n", ours.rows(), "d", ours.dim(), "C", c, "tol", 1e-12, "max_iter", 10000));
    JsonNode sk = Python.runJson("parity/sklearn_liblinear.py", dir.toString());

    double maxAbs = 0;
    double maxDiff = 0;
    for (int j = 0; j < ours.dim(); j++) {
      double ref = sk.path("coef").get(j).asDouble();
      maxAbs = Math.max(maxAbs, Math.abs(ref));
      maxDiff = Math.max(maxDiff, Math.abs(ours.w()[j] - ref));
    }
    assertThat(maxDiff / maxAbs).as("max coefficient difference / max |coef|").isLessThan(1e-4);
    double refB = sk.path("intercept").asDouble();
    assertThat(Math.abs(ours.intercept() - refB) / Math.max(Math.abs(refB), maxAbs))
        .isLessThan(1e-4);
  }
}
