package dev.gradex.core.estimate;

import dev.gradex.core.linalg.Cholesky;
import dev.gradex.core.store.ExampleBlock;
import dev.gradex.core.store.ExampleBlocks;
import java.util.stream.IntStream;

/**
 * Per-task sums for the reference mode of Li et al., arXiv 2409.19458, stage 3: the random labels,
 * sum x x^T (row-packed lower) and sum y x. At v = 0 every margin is 0, so the exact Hessian of
 * liblinear's objective is I + (C/4) sum z z^T with z = [x; y], a sum of these; it preconditions
 * the solver of every subset without a pass over its examples.
 */
final class ReferenceStatistics {
  private final int dim;
  private final byte[][] labels;
  private final double[][] outer;
  private final double[][] labelledSums;

  private ReferenceStatistics(int dim, int tasks) {
    this.dim = dim;
    this.labels = new byte[tasks][];
    this.outer = new double[tasks][];
    this.labelledSums = new double[tasks][];
  }

  static ReferenceStatistics compute(ExampleBlocks blocks, ReferenceLabels draw) {
    int n = blocks.taskNames().size();
    ReferenceStatistics stats = new ReferenceStatistics(blocks.dim(), n);
    IntStream.range(0, n).parallel().forEach(t -> stats.computeTask(t, blocks.block(t), draw));
    return stats;
  }

  private void computeTask(int t, ExampleBlock block, ReferenceLabels draw) {
    int d = dim;
    byte[] y = new byte[block.rows()];
    double[] xx = new double[Cholesky.packedSize(d)];
    double[] yx = new double[d];
    HessianAccumulator acc = new HessianAccumulator(d, xx);
    float[] x = block.features();
    for (int r = 0; r < block.rows(); r++) {
      y[r] = (byte) draw.label(t, r);
      double sign = y[r] == 1 ? 1 : -1;
      double[] z = acc.nextRow();
      for (int j = 0; j < d; j++) {
        z[j] = x[r * d + j];
        yx[j] += sign * z[j];
      }
      acc.commit(1);
    }
    acc.flush();
    labels[t] = y;
    outer[t] = xx;
    labelledSums[t] = yx;
  }

  /** The label (0 or 1) of row r of task t. */
  byte[] labels(int task) {
    return labels[task];
  }

  /**
   * The exact Hessian at v = 0, I + (C/4) sum_{i in D_S} [x; y][x; y]^T, as a (d+1) row-packed
   * lower triangle: the d x d block is the first d rows, the intercept row last.
   */
  double[] hessianAtZero(int[] tasks, double c) {
    int d = dim;
    double[] h = new double[Cholesky.packedSize(d + 1)];
    long rows = 0;
    int last = Cholesky.rowOffset(d);
    for (int t : tasks) {
      double[] xx = outer[t];
      for (int k = 0; k < xx.length; k++) {
        h[k] += xx[k];
      }
      double[] yx = labelledSums[t];
      for (int j = 0; j < d; j++) {
        h[last + j] += yx[j];
      }
      rows += labels[t].length;
    }
    h[last + d] = rows;
    for (int k = 0; k < h.length; k++) {
      h[k] *= c / 4;
    }
    for (int i = 0; i <= d; i++) {
      h[Cholesky.rowOffset(i) + i] += 1;
    }
    return h;
  }
}
