package dev.gradex.estimate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.core.estimate.EstimatorMode;
import dev.gradex.core.estimate.SubsetEstimate;
import dev.gradex.core.estimate.SubsetEstimator;
import dev.gradex.core.progress.ProgressListener;
import dev.gradex.core.subsets.SubsetSampler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every selection rule of the run, checked against an independent brute-force answer on a planted
 * problem: fhat(S) = 1 + sum of per-source effects, with four helpful sources (negative effects),
 * two harmful ones and two slightly harmful ones. Brute force enumerates all 2^8 subsets.
 */
class AnalysisSelectionTest {
  private static final double[] EFFECT = {-0.30, 0.25, 0.02, -0.20, 0.01, -0.10, -0.05, 0.15};
  private static final int N = EFFECT.length;
  private static final int TARGET = N;
  private static final double ALPHA = 0.5;

  @TempDir Path dir;

  private static double fhat(int[] tasks) {
    double f = 1.0;
    for (int t : tasks) {
      f += EFFECT[t];
    }
    return f;
  }

  /** A fake estimator: the planted fhat, nothing fitted. */
  private static final SubsetEstimator ORACLE =
      new SubsetEstimator() {
        @Override
        public SubsetEstimate estimate(int[] tasks) {
          return new SubsetEstimate(new double[0], fhat(tasks), 0, 0, true, 0, 1, 0.01);
        }

        @Override
        public EstimatorMode mode() {
          return EstimatorMode.FAITHFUL;
        }
      };

  private static List<int[]> allSubsets() {
    List<int[]> out = new ArrayList<>();
    for (int mask = 0; mask < 1 << N; mask++) {
      int m = mask;
      out.add(IntStream.range(0, N).filter(t -> (m >> t & 1) == 1).toArray());
    }
    return out;
  }

  /** Argmin of fhat over every subset of the given size (any size if negative). */
  private static Set<Integer> bruteForceBest(int size) {
    int[] best = null;
    for (int[] s : allSubsets()) {
      if ((size < 0 || s.length == size) && (best == null || fhat(s) < fhat(best))) {
        best = s;
      }
    }
    return set(best);
  }

  /** The ensemble score by brute force: mean fhat over every size-k subset containing the task. */
  private static double[] exactScores() {
    int k = (int) Math.floor(ALPHA * N);
    double[] sum = new double[N];
    int[] count = new int[N];
    for (int[] s : allSubsets()) {
      if (s.length == k) {
        for (int t : s) {
          sum[t] += fhat(s);
          count[t]++;
        }
      }
    }
    return IntStream.range(0, N).mapToDouble(t -> sum[t] / count[t]).toArray();
  }

  private static Set<Integer> scoredAtMost(double max, boolean strict) {
    double[] s = exactScores();
    return IntStream.range(0, N)
        .filter(t -> strict ? s[t] < max : s[t] <= max)
        .boxed()
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<Integer> set(int[] tasks) {
    return Arrays.stream(tasks).boxed().collect(Collectors.toCollection(TreeSet::new));
  }

  private static String thresholdRule() {
    double[] sorted = exactScores().clone();
    Arrays.sort(sorted);
    return "threshold:" + (sorted[3] + sorted[4]) / 2;
  }

  private static Set<Integer> expected(String rule) {
    double[] scores = exactScores();
    return switch (rule) {
      case "best-prefix", "forward", "backward" -> bruteForceBest(-1);
      case "top-k:3" -> bruteForceBest(3);
      case "top-ratio:0.25" -> bruteForceBest(2);
      case "below-mean" -> scoredAtMost(Arrays.stream(scores).average().orElseThrow(), true);
      default -> scoredAtMost(Double.parseDouble(rule.substring("threshold:".length())), false);
    };
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "best-prefix",
        "below-mean",
        "top-k:3",
        "top-ratio:0.25",
        "threshold",
        "forward",
        "backward"
      })
  void selectedSetIsTheBruteForceAnswerAndItsFhatIsTheSelections(String given) {
    String rule = given.equals("threshold") ? thresholdRule() : given;
    List<String> names = new ArrayList<>();
    for (int t = 0; t < N; t++) {
      names.add("s" + t);
    }
    names.add("target");
    int[] candidates = IntStream.range(0, N).toArray();
    EstimateSubsetsConfig config =
        EstimateSubsetsConfig.builder()
            .setStore(dir.resolve("store"))
            .setOut(dir.resolve("out"))
            .optSelect(rule)
            .optFastPathSample(0)
            .optThreads(1)
            .build();
    List<int[]> subsets =
        SubsetSampler.builder().optAlpha(ALPHA).optSeed(3).build().sample(candidates);
    double[] losses = subsets.stream().mapToDouble(AnalysisSelectionTest::fhat).toArray();

    SelectionFile selection =
        new Analysis(
                config,
                config.estimator(),
                names,
                candidates,
                subsets,
                losses,
                null,
                ORACLE,
                SelectionPlan.parse(rule),
                new Sampling(
                    Sampling.ENUMERATED, subsets.size(), subsets.size(), candidates.length, 2),
                List.of())
            .run(ProgressListener.NONE)
            .selection();

    List<String> selected = selection.selected();
    int[] tasks = selected.stream().mapToInt(names::indexOf).toArray();
    assertThat(set(tasks)).as(rule).isEqualTo(expected(rule));
    SelectionFile.EstimatedLoss estimated = selection.estimatedLoss();
    int bestSingle = 0;
    for (int t = 1; t < N; t++) {
      bestSingle = fhat(new int[] {t}) < fhat(new int[] {bestSingle}) ? t : bestSingle;
    }
    assertThat(selection.bestSingleSource()).isEqualTo(names.get(bestSingle));
    assertThat(estimated.bestSingleSource()).isEqualTo(fhat(new int[] {bestSingle}));
    assertThat(estimated.selected())
        .as(rule)
        .isEqualTo(fhat(set(tasks).stream().mapToInt(i -> i).toArray()));
  }
}
