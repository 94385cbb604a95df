package dev.gradex.core.estimate;

import dev.gradex.core.store.ExampleBlock;
import dev.gradex.core.store.ExampleBlocks;
import java.util.Arrays;

/**
 * Damped Newton on liblinear's L2 logistic regression with a regularised intercept, min 0.5
 * (||w||^2 + b^2) + C sum_i log(1 + exp(-y_i (w.x'_i + b))), the fit of the research code of Li et
 * al., arXiv 2409.19458, stage 3. Since y_i x'_i = x_i, the margin is w.x_i + y_i b and the flipped
 * features are never materialised. The Hessian is exact and d+1 is small, so a few iterations reach
 * a residual far below what a coefficient comparison needs.
 */
final class ReferenceSolver {
  /** Tighter than any parity tolerance on coefficients; the objective has unit curvature. */
  private static final double MAX_TOLERANCE = 1e-10;

  private final ExampleBlocks blocks;
  private final ReferenceLabels labels;
  private final double c;
  private final double tolerance;
  private final int maxIterations;

  ReferenceSolver(ExampleBlocks blocks, EstimatorConfig config) {
    this.blocks = blocks;
    this.labels = new ReferenceLabels(config.seed(), config.labelProbability());
    this.c = config.referenceC();
    this.tolerance = Math.min(config.tolerance(), MAX_TOLERANCE);
    this.maxIterations = config.maxIterations();
  }

  ReferenceLabels labels() {
    return labels;
  }

  double c() {
    return c;
  }

  /** The outcome: v = [w; b], primal objective, iterations, convergence, residual. */
  record Solution(double[] v, double objective, int iterations, boolean converged, double gNorm) {}

  Solution solve(int[] tasks) {
    int m = blocks.dim() + 1;
    double[] v = new double[m];
    double[] g = new double[m];
    double[] h = new double[PackedCholesky.packedSize(m)];
    double[] vTrial = new double[m];
    double[] gTrial = new double[m];
    double[] hTrial = new double[h.length];
    double[] p = new double[m];
    double f = evaluate(tasks, v, g, h);
    double gNorm = LogisticMath.norm(g);
    double threshold = tolerance * Math.max(1, gNorm);
    int iterations = 0;
    while (gNorm > threshold && iterations < maxIterations) {
      if (!PackedCholesky.factor(h, m)) {
        break;
      }
      for (int j = 0; j < m; j++) {
        p[j] = -g[j];
      }
      PackedCholesky.solve(h, m, p);
      double slope = LogisticMath.dot(g, 0, p, 0, m);
      double step = 1;
      double fTrial = Double.NaN;
      for (int k = 0; k < 40; k++) {
        for (int j = 0; j < m; j++) {
          vTrial[j] = v[j] + step * p[j];
        }
        fTrial = evaluate(tasks, vTrial, gTrial, hTrial);
        if (fTrial <= f + 1e-4 * step * slope + 1e-15 * Math.abs(f)) {
          break;
        }
        fTrial = Double.NaN;
        step *= 0.5;
      }
      if (Double.isNaN(fTrial)) {
        break;
      }
      double[] swap = v;
      v = vTrial;
      vTrial = swap;
      swap = g;
      g = gTrial;
      gTrial = swap;
      swap = h;
      h = hTrial;
      hTrial = swap;
      f = fTrial;
      gNorm = LogisticMath.norm(g);
      iterations++;
    }
    return new Solution(v, f, iterations, gNorm <= threshold, gNorm);
  }

  /** Objective at v; fills its gradient and Hessian. */
  private double evaluate(int[] tasks, double[] v, double[] g, double[] h) {
    int d = blocks.dim();
    double bias = v[d];
    Arrays.fill(g, 0);
    Arrays.fill(h, 0);
    HessianAccumulator acc = new HessianAccumulator(d + 1, h);
    double loss = 0;
    for (int t : tasks) {
      ExampleBlock block = blocks.block(t);
      float[] x = block.features();
      for (int r = 0, off = 0; r < block.rows(); r++, off += d) {
        double y = labels.label(t, r) == 1 ? 1 : -1;
        double margin = LogisticMath.dot(x, off, v, d) + y * bias;
        loss += LogisticMath.logLoss(margin);
        double coef = -LogisticMath.sigmoid(-margin);
        double[] z = acc.nextRow();
        for (int j = 0; j < d; j++) {
          z[j] = x[off + j];
          g[j] += coef * z[j];
        }
        z[d] = y;
        g[d] += coef * y;
        acc.commit(LogisticMath.sigmoid(margin) * -coef);
      }
    }
    acc.flush();
    for (int k = 0; k < h.length; k++) {
      h[k] *= c;
    }
    double reg = 0;
    for (int j = 0; j <= d; j++) {
      g[j] = c * g[j] + v[j];
      reg += v[j] * v[j];
      h[PackedCholesky.rowOffset(j) + j] += 1;
    }
    return c * loss + 0.5 * reg;
  }
}
