package dev.gradex.core.scoring;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The trace of a {@link ForwardStepwise} or {@link BackwardElimination} run.
 *
 * @param startLoss loss of the starting subset (empty for forward, all candidates for backward)
 * @param steps one entry per accepted round, in order: the task added (forward) or removed
 *     (backward) and the loss of the subset afterwards
 * @param result the final subset, ascending
 * @param evaluations number of calls to the subset loss, including the starting subset
 */
public record StepwisePath(double startLoss, List<Step> steps, int[] result, int evaluations) {
  public StepwisePath {
    steps = List.copyOf(steps);
    result = result.clone();
  }

  /** One accepted round. */
  public record Step(int task, double loss) {}

  @Override
  public int[] result() {
    return result.clone();
  }

  // Records compare arrays by reference; paths are compared by content (serial vs parallel runs).
  @Override
  public boolean equals(Object o) {
    return o instanceof StepwisePath p
        && Double.compare(startLoss, p.startLoss) == 0
        && steps.equals(p.steps)
        && Arrays.equals(result, p.result)
        && evaluations == p.evaluations;
  }

  @Override
  public int hashCode() {
    return Objects.hash(startLoss, steps, Arrays.hashCode(result), evaluations);
  }

  @Override
  public String toString() {
    return "StepwisePath[startLoss="
        + startLoss
        + ", steps="
        + steps
        + ", result="
        + Arrays.toString(result)
        + ", evaluations="
        + evaluations
        + "]";
  }

  /** Loss of {@link #result()}. */
  public double finalLoss() {
    return steps.isEmpty() ? startLoss : steps.get(steps.size() - 1).loss();
  }

  /** The tasks of {@link #steps()} in the order they were added or removed. */
  public int[] order() {
    return steps.stream().mapToInt(Step::task).toArray();
  }
}
