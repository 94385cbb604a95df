package dev.gradex.baselines;

import dev.gradex.core.InvalidInputException;
import dev.gradex.core.store.GradientStore;
import dev.gradex.core.store.Split;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * LESS-style gradient similarity, after M. Xia, S. Malladi, S. Gururangan, S. Arora and D. Chen,
 * "LESS: Selecting Influential Data for Targeted Instruction Tuning" (ICML 2024): a source is
 * preferred when its training gradients point where the target's validation gradients point. Here a
 * source's score is the cosine of its mean projected per-example loss gradient with the mean over
 * the target validation examples, both read from the run's gradient store (the per-example
 * gradients at theta* that GradEx estimates from).
 *
 * <p>The store holds gtilde(z), the projected gradient of the output o(z) (mean gold-token
 * logit-odds), and b(z) = o(z) at theta*. The loss the run linearises is log(1 + e^-o), whose
 * gradient is -sigma(-b(z)) gtilde(z); that is the per-example loss gradient averaged here. Where
 * LESS differs and this does not follow it: LESS takes Adam-preconditioned gradients from several
 * warm-up checkpoints, normalises each example's gradient and scores examples by their maximum
 * similarity over validation subtasks; this ranks whole sources by one cosine of means
 * (docs/method.md, Baselines).
 */
final class LessSimilarity {
  private LessSimilarity() {}

  /** Each of {@code sources}' score, in the given order. */
  static List<SourceScore> scores(Path storeDir, List<String> sources) {
    try (GradientStore store = GradientStore.open(storeDir)) {
      int d = store.dim();
      List<String> tasks = store.taskNames();
      int[] column = new int[sources.size()];
      for (int s = 0; s < sources.size(); s++) {
        column[s] = tasks.indexOf(sources.get(s));
        if (column[s] < 0 || column[s] == store.targetTask()) {
          throw new InvalidInputException(
              storeDir.resolve("manifest.json").toString(),
              "has no task '" + sources.get(s) + "' (tasks: " + tasks + ")");
        }
      }
      double[][] sums = new double[tasks.size()][d];
      int[] counts = new int[tasks.size()];
      float[] row = new float[d];
      for (int i = 0; i < store.size(Split.TRAIN); i++) {
        int t = store.taskIndex(Split.TRAIN, i);
        store.readRow(Split.TRAIN, i, row, 0);
        add(sums[t], row, lossWeight(store.offset(Split.TRAIN, i)));
        counts[t]++;
      }
      double[] target = new double[d];
      for (int i = 0; i < store.size(Split.VALIDATION); i++) {
        store.readRow(Split.VALIDATION, i, row, 0);
        add(target, row, lossWeight(store.offset(Split.VALIDATION, i)));
      }
      // a common positive factor (1 / count) does not change a cosine: sums suffice
      List<SourceScore> out = new ArrayList<>();
      for (int s = 0; s < sources.size(); s++) {
        out.add(new SourceScore(sources.get(s), Vectors.cosine(sums[column[s]], target)));
      }
      return out;
    }
  }

  /** d loss / d o of the logistic loss log(1 + e^-o) at o = b: -sigma(-b). */
  static double lossWeight(double offset) {
    return -1.0 / (1.0 + Math.exp(offset));
  }

  private static void add(double[] sum, float[] row, double weight) {
    for (int j = 0; j < sum.length; j++) {
      sum[j] += weight * row[j];
    }
  }
}
