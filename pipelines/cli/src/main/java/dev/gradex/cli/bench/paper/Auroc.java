package dev.gradex.cli.bench.paper;

import java.util.Map;
import java.util.Set;

/**
 * Area under the ROC curve of per-source task scores as a detector of planted harmful sources: the
 * probability that a harmful source scores higher (worse; GradEx scores are losses) than a clean
 * one, ties counting one half (the Mann-Whitney form). 1 means every harmful source ranks below
 * every clean one, 0.5 is chance.
 */
final class Auroc {
  private Auroc() {}

  /**
   * @param scores task score per source (higher = more harmful); sources without one are ignored
   * @param harmful planted harmful sources
   * @param clean planted clean sources
   * @return the AUROC, NaN when either class has no scored source
   */
  static double of(Map<String, Double> scores, Set<String> harmful, Set<String> clean) {
    double sum = 0;
    long pairs = 0;
    for (String h : harmful) {
      Double sh = scores.get(h);
      if (sh == null || !Double.isFinite(sh)) {
        continue;
      }
      for (String c : clean) {
        Double sc = scores.get(c);
        if (sc == null || !Double.isFinite(sc)) {
          continue;
        }
        sum += sh > sc ? 1 : sh.equals(sc) ? 0.5 : 0;
        pairs++;
      }
    }
    return pairs == 0 ? Double.NaN : sum / pairs;
  }
}
