package dev.gradex.core.estimate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.core.store.ExampleBlocks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class DeterminismTest {
  private static List<int[]> subsets(int count, int tasks, int size) {
    Random random = new Random(3);
    List<int[]> out = new ArrayList<>();
    List<Integer> all = new ArrayList<>();
    for (int t = 0; t < tasks; t++) {
      all.add(t);
    }
    for (int i = 0; i < count; i++) {
      Collections.shuffle(all, random);
      out.add(all.subList(0, size).stream().mapToInt(Integer::intValue).toArray());
    }
    return out;
  }

  private static List<SubsetEstimate> run(
      SubsetEstimator estimator, List<int[]> subsets, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<SubsetEstimate>> futures = new ArrayList<>();
      for (int[] s : subsets) {
        futures.add(pool.submit(() -> estimator.estimate(s)));
      }
      List<SubsetEstimate> out = new ArrayList<>();
      for (Future<SubsetEstimate> f : futures) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void everyModeGivesBitwiseEqualResultsOnOneAndFourThreads() throws Exception {
    ExampleBlocks blocks = SyntheticBlocks.small(41);
    List<int[]> subsets = subsets(24, 10, 5);
    EstimatorConfig config =
        EstimatorConfig.builder()
            .optNormCap(0.1)
            .optReferenceScale(0.05)
            .optParameterCount(10_000)
            .optAdapterNorm(2)
            .build();
    SubsetEstimators factory = SubsetEstimators.over(blocks, config);
    for (EstimatorMode mode : EstimatorMode.values()) {
      SubsetEstimator estimator = factory.create(mode);
      List<SubsetEstimate> one = run(estimator, subsets, 1);
      List<SubsetEstimate> four = run(estimator, subsets, 4);
      for (int i = 0; i < subsets.size(); i++) {
        assertThat(four.get(i).w()).as(mode + " subset " + i).isEqualTo(one.get(i).w());
        assertThat(Double.doubleToRawLongBits(four.get(i).estimatedLoss()))
            .isEqualTo(Double.doubleToRawLongBits(one.get(i).estimatedLoss()));
        assertThat(four.get(i).iterations()).isEqualTo(one.get(i).iterations());
      }
    }
  }

  @Test
  void freshFactoriesGiveBitwiseEqualResults() {
    ExampleBlocks blocks = SyntheticBlocks.small(42);
    int[] subset = {0, 3, 6, 9};
    for (EstimatorMode mode : EstimatorMode.values()) {
      SubsetEstimate a =
          SubsetEstimators.create(mode, blocks, EstimatorConfig.defaults()).estimate(subset);
      SubsetEstimate b =
          SubsetEstimators.create(mode, blocks, EstimatorConfig.defaults()).estimate(subset);
      assertThat(b.w()).as(mode.cliName()).isEqualTo(a.w());
      assertThat(b.estimatedLoss()).isEqualTo(a.estimatedLoss());
    }
  }
}
