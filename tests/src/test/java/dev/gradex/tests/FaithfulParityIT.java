package dev.gradex.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradex.core.estimate.EstimatorConfig;
import dev.gradex.core.estimate.EstimatorMode;
import dev.gradex.core.estimate.SubsetEstimate;
import dev.gradex.core.estimate.SubsetEstimators;
import dev.gradex.core.store.ExampleBlock;
import dev.gradex.core.store.HeapExampleBlocks;
import dev.gradex.core.synth.SyntheticProblem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The faithful estimator's w_S equals scipy.optimize's L-BFGS solution of the same objective (Li et
 * al., arXiv 2409.19458, stage 3; docs/method.md#stage-3-estimating-fs-on-cpu), for several
 * regularisation strengths and with token weighting.
 */
@Tag("fast")
class FaithfulParityIT {
  @TempDir Path dir;

  @ParameterizedTest(name = "lambda={0}, tokenWeighted={1}")
  @CsvSource({"0.01,false", "0.1,false", "0.001,false", "0.01,true"})
  void faithfulSolutionMatchesScipyLbfgs(double lambda, boolean tokenWeighted) throws Exception {
    SyntheticProblem problem =
        SyntheticProblem.builder()
            .setSeed(21)
            .setDim(24)
            .setExamples(1200)
            .setTasks(12)
            .setHelpful(3)
            .build();
    HeapExampleBlocks blocks = problem.toBlocks();
    int[] subset = {0, 2, 3, 5, 7, 8, 11};
    EstimatorConfig config =
        EstimatorConfig.builder()
            .optLambda(lambda)
            .optTokenWeighted(tokenWeighted)
            .optTolerance(1e-10)
            .optMaxIterations(1000)
            .build();
    SubsetEstimate ours =
        SubsetEstimators.over(blocks, config).create(EstimatorMode.FAITHFUL).estimate(subset);
    assertThat(ours.converged()).isTrue();

    List<ExampleBlock> rows = new ArrayList<>();
    rows.add(blocks.block(blocks.targetTask()));
    for (int t : subset) {
      rows.add(blocks.block(t));
    }
    int n = rows.stream().mapToInt(ExampleBlock::rows).sum();
    int d = blocks.dim();
    float[] x = new float[n * d];
    float[] b = new float[n];
    float[] s = new float[n];
    int at = 0;
    for (ExampleBlock block : rows) {
      System.arraycopy(block.features(), 0, x, at * d, block.rows() * d);
      for (int i = 0; i < block.rows(); i++) {
        b[at + i] = block.offsets()[i];
        s[at + i] = block.tokens()[i];
      }
      at += block.rows();
    }
    ProblemFiles.floats(dir.resolve("X.f32"), x, n * d);
    ProblemFiles.floats(dir.resolve("b.f32"), b, n);
    if (tokenWeighted) {
      ProblemFiles.floats(dir.resolve("s.f32"), s, n); // raw counts: exact in float32
    }
    ProblemFiles.meta(dir.resolve("meta.json"), Map.of("n", n, "d", d, "lambda", lambda));
    JsonNode scipy = Python.runJson("parity/scipy_lbfgs.py", dir.toString());

    assertThat(scipy.path("grad_norm").asDouble()).isLessThan(1e-7);
    double diff = 0;
    double norm = 0;
    for (int j = 0; j < d; j++) {
      double ref = scipy.path("w").get(j).asDouble();
      diff += (ours.w()[j] - ref) * (ours.w()[j] - ref);
      norm += ref * ref;
    }
    assertThat(Math.sqrt(diff / norm)).as("relative distance to scipy's w").isLessThan(1e-5);
    assertThat(ours.trainLoss())
        .isCloseTo(scipy.path("fun").asDouble(), org.assertj.core.data.Offset.offset(1e-9));
  }
}
