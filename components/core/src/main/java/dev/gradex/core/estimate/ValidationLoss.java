package dev.gradex.core.estimate;

import dev.gradex.core.InvalidInputException;
import dev.gradex.core.store.ExampleBlock;

/**
 * fhat = (weighted) mean over target validation examples v of log(1 + exp(-(b(v) + c x(v).w))), the
 * linearised target loss of Li et al., arXiv 2409.19458, stage 3.
 */
final class ValidationLoss {
  private final ExampleBlock validation;
  private final double[] weights;
  private final double totalWeight;

  /**
   * @throws InvalidInputException if token weighting is asked for but no validation example has a
   *     target token
   */
  ValidationLoss(ExampleBlock validation, boolean tokenWeighted) {
    this.validation = validation;
    int rows = validation.rows();
    this.weights = new double[rows];
    double total = 0;
    for (int r = 0; r < rows; r++) {
      weights[r] = tokenWeighted ? validation.tokens()[r] : 1;
      total += weights[r];
    }
    if (tokenWeighted && rows > 0 && total <= 0) {
      throw new InvalidInputException(
          "tokenWeighted", "no validation example has a target token to weight by");
    }
    this.totalWeight = total;
  }

  /** fhat at the update c * w; NaN if there are no validation examples. */
  double at(double[] w, double c) {
    int d = validation.dim();
    float[] x = validation.features();
    float[] b = validation.offsets();
    double sum = 0;
    for (int r = 0; r < validation.rows(); r++) {
      if (weights[r] != 0) {
        double m = b[r] + c * LogisticMath.dot(x, r * d, w, d);
        sum += weights[r] * LogisticMath.logLoss(m);
      }
    }
    return totalWeight > 0 ? sum / totalWeight : Double.NaN;
  }

  /** fhat at w = 0: the meta-initialisation's own linearised validation loss. */
  double atZero() {
    return at(new double[validation.dim()], 1);
  }
}
