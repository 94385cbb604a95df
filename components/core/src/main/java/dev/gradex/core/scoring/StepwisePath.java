package dev.gradex.core.scoring;

import java.util.List;

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

  /** Loss of {@link #result()}. */
  public double finalLoss() {
    return steps.isEmpty() ? startLoss : steps.get(steps.size() - 1).loss();
  }

  /** The tasks of {@link #steps()} in the order they were added or removed. */
  public int[] order() {
    return steps.stream().mapToInt(Step::task).toArray();
  }
}
