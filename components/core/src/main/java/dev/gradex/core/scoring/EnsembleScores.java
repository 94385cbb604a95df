package dev.gradex.core.scoring;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The random-ensemble task score: the mean estimated loss fhat(S) over the sampled subsets S that
 * contain the task (stage 4 of Li, Zhang, Wang and Zhang, "Scalable Fine-tuning from Multiple Data
 * Sources: A First-Order Approximation Approach", EMNLP Findings 2024, arXiv 2409.19458). Lower is
 * better. A task that no subset contains has no score (NaN, count 0); it is reported by {@link
 * #unsampled()} and left out of {@link #ranking()} instead of being ranked silently.
 */
public final class EnsembleScores {
  private final double[] scores;
  private final int[] counts;

  private EnsembleScores(double[] scores, int[] counts) {
    this.scores = scores;
    this.counts = counts;
  }

  /**
   * @param subsets task indices of each subset
   * @param losses fhat of each subset, finite
   * @param taskCount number of tasks; scores are indexed 0..taskCount-1
   */
  public static EnsembleScores compute(List<int[]> subsets, double[] losses, int taskCount) {
    SubsetData.validate(subsets, losses, taskCount);
    double[] sums = new double[taskCount];
    int[] counts = new int[taskCount];
    for (int j = 0; j < losses.length; j++) {
      for (int t : subsets.get(j)) {
        sums[t] += losses[j];
        counts[t]++;
      }
    }
    double[] scores = new double[taskCount];
    for (int t = 0; t < taskCount; t++) {
      scores[t] = counts[t] == 0 ? Double.NaN : sums[t] / counts[t];
    }
    return new EnsembleScores(scores, counts);
  }

  public int taskCount() {
    return scores.length;
  }

  /** Mean loss of the subsets containing {@code task}, or NaN if none does. */
  public double score(int task) {
    return scores[task];
  }

  /** Number of subsets containing {@code task}. */
  public int count(int task) {
    return counts[task];
  }

  /** Scores by task index (a copy); NaN for unsampled tasks. */
  public double[] scores() {
    return scores.clone();
  }

  /** Counts by task index (a copy). */
  public int[] counts() {
    return counts.clone();
  }

  /** Tasks no subset contains, ascending. */
  public int[] unsampled() {
    return IntStream.range(0, counts.length).filter(t -> counts[t] == 0).toArray();
  }

  /** The sampled tasks, lowest mean loss first. */
  public TaskRanking ranking() {
    return TaskRanking.ofScores(scores);
  }
}
