package dev.gradex.model.train;

import java.util.Arrays;

/**
 * A classifier's confusion matrix over its label set (gold label by predicted label), with the
 * accuracy and macro-F1 it implies. Macro-F1 is the unweighted mean of the per-label F1 = 2 TP / (2
 * TP + FP + FN) over the labels that occur as gold or as prediction, as scikit-learn's {@code
 * f1_score(average="macro")} does; a label neither seen nor predicted has no F1 and does not count.
 */
public final class Confusion {
  private final long[][] counts;

  /** An empty matrix over labels {@code 0 .. labels - 1}. */
  public Confusion(int labels) {
    if (labels < 1) {
      throw new IllegalArgumentException("labels must be positive, got " + labels);
    }
    this.counts = new long[labels][labels];
  }

  /** Counts one example with gold label {@code gold} predicted as {@code predicted}. */
  public void add(int gold, int predicted) {
    counts[gold][predicted]++;
  }

  /** Examples with gold label {@code gold} predicted as {@code predicted}. */
  public long count(int gold, int predicted) {
    return counts[gold][predicted];
  }

  /** Number of labels. */
  public int labels() {
    return counts.length;
  }

  /** Examples counted. */
  public long total() {
    return Arrays.stream(counts).flatMapToLong(Arrays::stream).sum();
  }

  /** Fraction predicted correctly; NaN with no examples. */
  public double accuracy() {
    long correct = 0;
    for (int i = 0; i < counts.length; i++) {
      correct += counts[i][i];
    }
    long n = total();
    return n == 0 ? Double.NaN : (double) correct / n;
  }

  /** Mean per-label F1 over the labels seen as gold or prediction; NaN with no examples. */
  public double macroF1() {
    double sum = 0;
    int present = 0;
    for (int c = 0; c < counts.length; c++) {
      long tp = counts[c][c];
      long gold = Arrays.stream(counts[c]).sum();
      long predicted = 0;
      for (long[] row : counts) {
        predicted += row[c];
      }
      if (gold + predicted == 0) {
        continue;
      }
      sum += 2.0 * tp / (gold + predicted);
      present++;
    }
    return present == 0 ? Double.NaN : sum / present;
  }
}
