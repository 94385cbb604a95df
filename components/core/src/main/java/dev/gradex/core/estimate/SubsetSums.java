package dev.gradex.core.estimate;

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
    hessian = new double[PackedCholesky.packedSize(d)];
  }

  /** Mean loss at w = 0; 0 when D_S is empty. */
  double meanLoss() {
    return weight > 0 ? loss / weight : 0;
  }
}
