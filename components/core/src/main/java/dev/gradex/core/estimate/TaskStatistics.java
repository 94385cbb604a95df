package dev.gradex.core.estimate;

import dev.gradex.core.linalg.Cholesky;
import dev.gradex.core.store.ExampleBlock;
import dev.gradex.core.store.ExampleBlocks;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Per-task sufficient statistics of the faithful objective at w = 0 (Li et al., arXiv 2409.19458,
 * stage 3): weight W_t, loss sum, gradient sum g_t = sum a(z) (-sigmoid(-b)) x and Hessian sum H_t
 * = sum a(z) sigmoid(b) sigmoid(-b) x x^T (row-packed lower triangle), with a(z) = 1 or the token
 * count. Computed once, in parallel across tasks; every subset's warm start and fast paths are sums
 * of these, so their cost per subset does not grow with the number of examples.
 */
final class TaskStatistics {
  private final int dim;
  private final double[] weights;
  private final double[] losses;
  private final double[] curvatures;
  private final double[][] gradients;
  private final double[][] hessians;
  private final double[] totalHessian;

  private TaskStatistics(int dim, int tasks) {
    this.dim = dim;
    this.weights = new double[tasks];
    this.losses = new double[tasks];
    this.curvatures = new double[tasks];
    this.gradients = new double[tasks][];
    this.hessians = new double[tasks][];
    this.totalHessian = new double[Cholesky.packedSize(dim)];
  }

  /** Reads every task block once (tasks in parallel) and accumulates its statistics. */
  static TaskStatistics compute(ExampleBlocks blocks, boolean tokenWeighted) {
    int n = blocks.taskNames().size();
    TaskStatistics stats = new TaskStatistics(blocks.dim(), n);
    IntStream.range(0, n)
        .parallel()
        .forEach(t -> stats.computeTask(t, blocks.block(t), tokenWeighted));
    for (double[] h : stats.hessians) {
      addInto(stats.totalHessian, h);
    }
    return stats;
  }

  private void computeTask(int t, ExampleBlock block, boolean tokenWeighted) {
    int d = dim;
    double[] g = new double[d];
    double[] h = new double[Cholesky.packedSize(d)];
    HessianAccumulator acc = new HessianAccumulator(d, h);
    float[] x = block.features();
    double weight = 0;
    double loss = 0;
    double curvature = 0;
    for (int r = 0; r < block.rows(); r++) {
      double a = tokenWeighted ? block.tokens()[r] : 1;
      if (a == 0) {
        continue;
      }
      double b = block.offsets()[r];
      double sNeg = LogisticMath.sigmoid(-b);
      weight += a;
      loss += a * LogisticMath.logLoss(b);
      double[] z = acc.nextRow();
      int off = r * d;
      for (int j = 0; j < d; j++) {
        z[j] = x[off + j];
        g[j] -= a * sNeg * z[j];
      }
      double h0 = a * sNeg * LogisticMath.sigmoid(b);
      curvature += h0;
      acc.commit(h0);
    }
    acc.flush();
    weights[t] = weight;
    losses[t] = loss;
    curvatures[t] = curvature;
    gradients[t] = g;
    hessians[t] = h;
  }

  int dim() {
    return dim;
  }

  int tasks() {
    return weights.length;
  }

  double weight(int task) {
    return weights[task];
  }

  double[] gradient(int task) {
    return gradients[task];
  }

  /** sum a sigmoid(b) sigmoid(-b) over the task: the trace weight of H_t. */
  double curvature(int task) {
    return curvatures[task];
  }

  /** out = sum_k scale[k] H_{tasks[k]}. */
  void weightedHessian(int[] tasks, double[] scale, double[] out) {
    Arrays.fill(out, 0);
    for (int k = 0; k < tasks.length; k++) {
      double[] h = hessians[tasks[k]];
      double s = scale[k];
      for (int i = 0; i < out.length; i++) {
        out[i] += s * h[i];
      }
    }
  }

  /**
   * Sums the statistics of {@code tasks} (distinct) into {@code out}. The Hessian sum, the costly
   * part, is formed from the complement when that has fewer tasks.
   */
  void sum(int[] tasks, boolean withHessian, SubsetSums out) {
    out.weight = 0;
    out.loss = 0;
    Arrays.fill(out.gradient, 0);
    for (int t : tasks) {
      out.weight += weights[t];
      out.loss += losses[t];
      addInto(out.gradient, gradients[t]);
    }
    if (!withHessian) {
      return;
    }
    double[] h = out.hessian;
    if (2 * tasks.length <= tasks()) {
      Arrays.fill(h, 0);
      for (int t : tasks) {
        addInto(h, hessians[t]);
      }
      return;
    }
    System.arraycopy(totalHessian, 0, h, 0, h.length);
    boolean[] in = new boolean[tasks()];
    for (int t : tasks) {
      in[t] = true;
    }
    for (int t = 0; t < tasks(); t++) {
      if (!in[t]) {
        subtractFrom(h, hessians[t]);
      }
    }
  }

  private static void addInto(double[] acc, double[] v) {
    for (int i = 0; i < acc.length; i++) {
      acc[i] += v[i];
    }
  }

  private static void subtractFrom(double[] acc, double[] v) {
    for (int i = 0; i < acc.length; i++) {
      acc[i] -= v[i];
    }
  }
}
