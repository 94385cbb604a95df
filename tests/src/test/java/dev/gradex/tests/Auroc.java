package dev.gradex.tests;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Area under the ROC curve of a score at separating a planted group from the rest. */
final class Auroc {
  private Auroc() {}

  /**
   * Probability that a random member of {@code positives} has a LOWER score than a random other
   * task (ties count one half): 1.0 means the group ranks strictly on top.
   */
  static double lowerIsPositive(Map<String, Double> scores, Set<String> positives) {
    List<Double> pos =
        scores.entrySet().stream()
            .filter(e -> positives.contains(e.getKey()))
            .map(Map.Entry::getValue)
            .toList();
    List<Double> neg =
        scores.entrySet().stream()
            .filter(e -> !positives.contains(e.getKey()))
            .map(Map.Entry::getValue)
            .toList();
    double wins = 0;
    for (double p : pos) {
      for (double n : neg) {
        wins += p < n ? 1 : p == n ? 0.5 : 0;
      }
    }
    return wins / ((double) pos.size() * neg.size());
  }
}
