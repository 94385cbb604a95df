package dev.gradex.core.scoring;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Tasks ordered best first by a score where lower is better (a mean subset loss or a ridge
 * coefficient), as the selection rules of stage 4 of Li, Zhang, Wang and Zhang, "Scalable
 * Fine-tuning from Multiple Data Sources: A First-Order Approximation Approach" (EMNLP Findings
 * 2024, arXiv 2409.19458) consume it. Equal scores are ordered by task index so rankings are
 * reproducible.
 */
public final class TaskRanking {
  private final int[] tasks;
  private final double[] scores;

  private TaskRanking(int[] tasks, double[] scores) {
    this.tasks = tasks;
    this.scores = scores;
  }

  /**
   * Ranks the given tasks by their scores, ascending.
   *
   * @param tasks distinct task indices
   * @param scores score of {@code tasks[i]}, finite
   */
  public static TaskRanking of(int[] tasks, double[] scores) {
    if (tasks.length != scores.length) {
      throw new IllegalArgumentException(tasks.length + " tasks but " + scores.length + " scores");
    }
    for (int i = 0; i < scores.length; i++) {
      if (!Double.isFinite(scores[i])) {
        throw new IllegalArgumentException("task " + tasks[i] + " has score " + scores[i]);
      }
    }
    Integer[] order = IntStream.range(0, tasks.length).boxed().toArray(Integer[]::new);
    Arrays.sort(
        order, Comparator.<Integer>comparingDouble(i -> scores[i]).thenComparingInt(i -> tasks[i]));
    int[] t = new int[order.length];
    double[] s = new double[order.length];
    for (int r = 0; r < order.length; r++) {
      t[r] = tasks[order[r]];
      s[r] = scores[order[r]];
    }
    for (int r = 1; r < t.length; r++) {
      if (t[r] == t[r - 1]) {
        throw new IllegalArgumentException("task " + t[r] + " ranked twice");
      }
    }
    return new TaskRanking(t, s);
  }

  /**
   * Ranks task {@code i} by {@code scoresByTask[i]}, leaving out tasks whose score is NaN (never
   * scored); callers report those separately rather than ranking them.
   */
  public static TaskRanking ofScores(double[] scoresByTask) {
    int[] tasks =
        IntStream.range(0, scoresByTask.length)
            .filter(i -> !Double.isNaN(scoresByTask[i]))
            .toArray();
    double[] scores = Arrays.stream(tasks).mapToDouble(i -> scoresByTask[i]).toArray();
    return of(tasks, scores);
  }

  /** Number of ranked tasks. */
  public int size() {
    return tasks.length;
  }

  /** Task at rank {@code rank} (0 = best). */
  public int task(int rank) {
    return tasks[rank];
  }

  /** Score of the task at rank {@code rank}. */
  public double score(int rank) {
    return scores[rank];
  }

  /** Tasks best first (a copy). */
  public int[] tasks() {
    return tasks.clone();
  }

  /** Scores aligned with {@link #tasks()} (a copy). */
  public double[] scores() {
    return scores.clone();
  }

  /** The best {@code length} tasks, best first. */
  public int[] prefix(int length) {
    return Arrays.copyOf(tasks, length);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("TaskRanking[");
    for (int r = 0; r < tasks.length; r++) {
      b.append(r == 0 ? "" : ", ").append(tasks[r]).append('=').append(scores[r]);
    }
    return b.append(']').toString();
  }
}
