package dev.gradex.core.estimate;

import dev.gradex.core.linalg.Cholesky;

/**
 * Per-thread scratch holding the sums over the tasks of D_S of the per-task statistics at w = 0 (Li
 * et al., arXiv 2409.19458, stage 3): total weight, loss, gradient and packed Hessian.
 */
final class SubsetSums {
  double weight;
  double loss;
  final double[] gradient;
  final double[] hessian;

  SubsetSums(int d) {
    gradient = new double[d];
    hessian = new double[Cholesky.packedSize(d)];
  }

  /** Mean loss at w = 0; 0 when D_S is empty. */
  double meanLoss() {
    return weight > 0 ? loss / weight : 0;
  }

  /**
   * Turns the Hessian sum into the Cholesky factor of H0 = hessian / weight + lambda I, the exact
   * Hessian of the faithful objective at w = 0 (weight must be positive).
   */
  void factorHessian(double lambda) {
    int d = gradient.length;
    double inv = 1 / weight;
    for (int k = 0; k < hessian.length; k++) {
      hessian[k] *= inv;
    }
    for (int i = 0; i < d; i++) {
      hessian[Cholesky.rowOffset(i) + i] += lambda;
    }
    if (!Cholesky.factorPacked(hessian, d)) {
      throw new IllegalStateException("H0 not positive definite; lambda too small for the data");
    }
  }
}
