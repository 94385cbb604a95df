package dev.gradex.core.scoring;

import dev.gradex.core.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;

/**
 * Greedy stepwise search over subsets: each round evaluates every single-task move from the current
 * subset and takes the one with the lowest loss, as long as it lowers the loss. Subclasses say what
 * the start is and which moves exist; ties go to the lowest task index.
 */
abstract class StepwiseSearch {
  private final SubsetLoss loss;
  private final int[] candidates;
  private final ExecutorService executor;
  private final int parallelism;

  StepwiseSearch(SubsetLoss loss, int[] candidates, ExecutorService executor, int parallelism) {
    this.loss = Objects.requireNonNull(loss, "loss");
    this.candidates = validated(candidates);
    this.executor = executor;
    this.parallelism = parallelism;
  }

  /** The subset the search starts from, ascending. */
  abstract int[] start(int[] candidates);

  /** The tasks a round may move (add or remove), ascending. */
  abstract int[] movable(int[] current, int[] candidates);

  /** The subset after moving {@code task}, ascending. */
  abstract int[] move(int[] current, int task);

  /** Whether another round may run from {@code current}. */
  abstract boolean mayContinue(int[] current);

  /** Runs the search to the end. */
  public StepwisePath run() {
    try (RoundEvaluator evaluator = new RoundEvaluator(loss, executor, parallelism)) {
      int[] current = start(candidates);
      double startLoss = evaluator.evaluate(current);
      double currentLoss = startLoss;
      List<StepwisePath.Step> steps = new ArrayList<>();
      while (mayContinue(current)) {
        int[] moves = movable(current, candidates);
        if (moves.length == 0) {
          break;
        }
        List<int[]> next = new ArrayList<>(moves.length);
        for (int t : moves) {
          next.add(move(current, t));
        }
        double[] losses = evaluator.evaluate(next);
        int best = RoundEvaluator.argmin(losses);
        if (!(losses[best] < currentLoss)) {
          break;
        }
        current = next.get(best);
        currentLoss = losses[best];
        steps.add(new StepwisePath.Step(moves[best], currentLoss));
      }
      return new StepwisePath(startLoss, steps, current, evaluator.evaluations());
    }
  }

  static int[] with(int[] sorted, int task) {
    int[] out = Arrays.copyOf(sorted, sorted.length + 1);
    int i = sorted.length;
    while (i > 0 && out[i - 1] > task) {
      out[i] = out[i - 1];
      i--;
    }
    out[i] = task;
    return out;
  }

  static int[] without(int[] sorted, int task) {
    return Arrays.stream(sorted).filter(t -> t != task).toArray();
  }

  private static int[] validated(int[] candidates) {
    int[] sorted = candidates.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < sorted.length; i++) {
      if (sorted[i] < 0 || (i > 0 && sorted[i] == sorted[i - 1])) {
        throw new InvalidInputException(
            "candidates", "task " + sorted[i] + " is negative or listed twice");
      }
    }
    return sorted;
  }
}
