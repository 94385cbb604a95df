package dev.gradex.core.estimate;

import dev.gradex.core.store.ExampleBlock;
import dev.gradex.core.store.ExampleBlocks;
import java.util.Arrays;

/**
 * F(w) = (1/W_S) sum_{z in D_S} a(z) log(1 + exp(-(b(z) + x(z).w))) + (lambda/2)||w||^2 and its
 * gradient, the faithful fine-tuning surrogate of Li et al., arXiv 2409.19458, stage 3. One call is
 * one fused pass: each row's margin and its gradient contribution are computed while the row is in
 * cache. Not thread-safe: one instance per thread.
 */
final class FaithfulObjective {
  private final ExampleBlocks blocks;
  private final double lambda;
  private final boolean tokenWeighted;

  /** Scratch of one evaluate call; callers use one objective per thread. */
  private double curvatureSum;

  FaithfulObjective(ExampleBlocks blocks, double lambda, boolean tokenWeighted) {
    this.blocks = blocks;
    this.lambda = lambda;
    this.tokenWeighted = tokenWeighted;
  }

  /**
   * @param tasks the tasks of D_S
   * @param weight W_S, the total example weight of D_S (> 0)
   * @param grad receives the gradient at w
   * @param curvature receives, per task of {@code tasks}, sum a sigmoid(m) sigmoid(-m) at w
   * @return F(w)
   */
  double evaluate(int[] tasks, double weight, double[] w, double[] grad, double[] curvature) {
    int d = w.length;
    Arrays.fill(grad, 0);
    double loss = 0;
    for (int k = 0; k < tasks.length; k++) {
      curvatureSum = 0;
      loss += accumulate(blocks.block(tasks[k]), w, grad);
      curvature[k] = curvatureSum;
    }
    double inv = 1 / weight;
    double ww = 0;
    for (int j = 0; j < d; j++) {
      grad[j] = grad[j] * inv + lambda * w[j];
      ww += w[j] * w[j];
    }
    return loss * inv + 0.5 * lambda * ww;
  }

  /**
   * Adds one block's weighted loss (returned) and gradient sum (into grad). Rows go in pairs: both
   * dot products share each load of w, and one axpy pass adds both rows to grad, which halves the
   * traffic on w and grad.
   */
  private double accumulate(ExampleBlock block, double[] w, double[] grad) {
    int d = w.length;
    float[] x = block.features();
    float[] b = block.offsets();
    int[] tokens = block.tokens();
    int rows = block.rows();
    double loss = 0;
    int r = 0;
    for (; r + 1 < rows; r += 2) {
      int offA = r * d;
      int offB = offA + d;
      double a0 = 0;
      double a1 = 0;
      double a2 = 0;
      double a3 = 0;
      double b0 = 0;
      double b1 = 0;
      double b2 = 0;
      double b3 = 0;
      int j = 0;
      for (; j + 3 < d; j += 4) {
        a0 += x[offA + j] * w[j];
        a1 += x[offA + j + 1] * w[j + 1];
        a2 += x[offA + j + 2] * w[j + 2];
        a3 += x[offA + j + 3] * w[j + 3];
        b0 += x[offB + j] * w[j];
        b1 += x[offB + j + 1] * w[j + 1];
        b2 += x[offB + j + 2] * w[j + 2];
        b3 += x[offB + j + 3] * w[j + 3];
      }
      for (; j < d; j++) {
        a0 += x[offA + j] * w[j];
        b0 += x[offB + j] * w[j];
      }
      double weightA = tokenWeighted ? tokens[r] : 1;
      double weightB = tokenWeighted ? tokens[r + 1] : 1;
      double mA = b[r] + ((a0 + a1) + (a2 + a3));
      double mB = b[r + 1] + ((b0 + b1) + (b2 + b3));
      loss += weightA * LogisticMath.logLoss(mA) + weightB * LogisticMath.logLoss(mB);
      double sA = LogisticMath.sigmoid(-mA);
      double sB = LogisticMath.sigmoid(-mB);
      curvatureSum += weightA * sA * (1 - sA) + weightB * sB * (1 - sB);
      double cA = -weightA * sA;
      double cB = -weightB * sB;
      for (int k = 0; k < d; k++) {
        grad[k] += cA * x[offA + k] + cB * x[offB + k];
      }
    }
    if (r < rows) {
      double a = tokenWeighted ? tokens[r] : 1;
      double m = b[r] + LogisticMath.dot(x, r * d, w, d);
      loss += a * LogisticMath.logLoss(m);
      double sNeg = LogisticMath.sigmoid(-m);
      curvatureSum += a * sNeg * (1 - sNeg);
      LogisticMath.axpy(-a * sNeg, x, r * d, grad, d);
    }
    return loss;
  }
}
