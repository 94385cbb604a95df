package dev.gradex.core.scoring;

import dev.gradex.core.InvalidInputException;
import java.util.List;

/** Checks shared by the scorers that learn from (subset, loss) pairs. */
final class SubsetData {
  private SubsetData() {}

  static void validate(List<int[]> subsets, double[] losses, int taskCount) {
    if (taskCount < 1) {
      throw new IllegalArgumentException("taskCount=" + taskCount);
    }
    if (subsets.size() != losses.length) {
      throw new InvalidInputException(
          "losses", subsets.size() + " subsets but " + losses.length + " losses");
    }
    for (int j = 0; j < losses.length; j++) {
      if (!Double.isFinite(losses[j])) {
        throw new InvalidInputException("losses", "subset " + j + " has loss " + losses[j]);
      }
      boolean[] seen = new boolean[taskCount];
      for (int t : subsets.get(j)) {
        if (t < 0 || t >= taskCount) {
          throw new InvalidInputException(
              "subsets", "subset " + j + " has task " + t + " outside [0, " + taskCount + ")");
        }
        if (seen[t]) {
          throw new InvalidInputException("subsets", "subset " + j + " lists task " + t + " twice");
        }
        seen[t] = true;
      }
    }
  }
}
