package dev.gradex.core.estimate;

import dev.gradex.core.store.ExampleBlock;
import dev.gradex.core.store.ExampleBlocks;
import java.util.Arrays;

/**
 * F(w) = (1/W_S) sum_{z in D_S} a(z) log(1 + exp(-(b(z) + x(z).w))) + (lambda/2)||w||^2 and its
 * gradient, the faithful fine-tuning surrogate of Li et al., arXiv 2409.19458, stage 3. One call is
 * one fused pass: each row's margin and its gradient contribution are computed while the row is in
 * cache.
 */
final class FaithfulObjective {
  private final ExampleBlocks blocks;
  private final double lambda;
  private final boolean tokenWeighted;

  FaithfulObjective(ExampleBlocks blocks, double lambda, boolean tokenWeighted) {
    this.blocks = blocks;
    this.lambda = lambda;
    this.tokenWeighted = tokenWeighted;
  }

  /**
   * @param tasks the tasks of D_S
   * @param weight W_S, the total example weight of D_S (> 0)
   * @param grad receives the gradient at w
   * @return F(w)
   */
  double evaluate(int[] tasks, double weight, double[] w, double[] grad) {
    int d = w.length;
    Arrays.fill(grad, 0);
    double loss = 0;
    for (int t : tasks) {
      ExampleBlock block = blocks.block(t);
      float[] x = block.features();
      float[] b = block.offsets();
      int[] tokens = block.tokens();
      for (int r = 0, off = 0; r < block.rows(); r++, off += d) {
        double a = tokenWeighted ? tokens[r] : 1;
        if (a == 0) {
          continue;
        }
        double m = b[r] + LogisticMath.dot(x, off, w, d);
        // One exponential serves both the loss and its derivative.
        double e = Math.exp(-Math.abs(m));
        loss += a * (Math.max(-m, 0) + Math.log1p(e));
        double sigmoidNeg = m >= 0 ? e / (1 + e) : 1 / (1 + e);
        LogisticMath.axpy(-a * sigmoidNeg, x, off, grad, d);
      }
    }
    double inv = 1 / weight;
    double ww = 0;
    for (int j = 0; j < d; j++) {
      grad[j] = grad[j] * inv + lambda * w[j];
      ww += w[j] * w[j];
    }
    return loss * inv + 0.5 * lambda * ww;
  }
}
