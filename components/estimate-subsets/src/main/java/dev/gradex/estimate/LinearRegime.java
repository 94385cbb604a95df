package dev.gradex.estimate;

import dev.gradex.core.estimate.EstimatorConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the fitted directions stayed where the first-order estimate can be trusted (stage 3 of
 * Li, Zhang, Wang and Zhang, arXiv 2409.19458): fhat(S) linearises the model's outputs around
 * theta*, which the authors validate at relative distances ||P w|| / ||theta*|| of 0.02 to 0.10
 * (their reference code rescales to 0.02..0.4;
 * docs/method.md#the-linear-regime-lambda-and-the-norm-cap). Beyond {@link #BOUND} the estimate
 * says little about real fine-tuning, so the run warns rather than failing: the user can raise
 * {@code --lambda} or set {@code --norm-cap}.
 */
final class LinearRegime {
  /**
   * The linear-regime bound of the first-order estimate: largest mean relative norm ||P w_S|| /
   * ||theta*|| over the estimated subsets at which the linearisation is still treated as valid.
   * Three times the largest distance the paper validates (0.10), below the reference code's largest
   * rescaling (0.4); a stated bound, not a measured one.
   */
  static final double BOUND = 0.3;

  private LinearRegime() {}

  /** Warnings for selection.json and the command's output; empty when within the bound or NaN. */
  static List<String> warnings(EstimatorStatistics statistics, EstimatorConfig estimator) {
    List<String> out = new ArrayList<>();
    double r = statistics.meanRelativeNorm();
    // A cap at the bound holds every update at the bound; rounding must not make that a warning.
    if (Double.isFinite(r) && r > BOUND * (1 + 1e-9)) {
      out.add(
          String.format(
              "mean relative norm ||P w|| / ||theta*|| of the estimates is %.3g, above the"
                  + " first-order estimate's linear-regime bound %.2g: fhat may not track real"
                  + " fine-tuning; raise lambda (now %s) or set a norm cap (now %s; the default"
                  + " is %.2g)",
              r,
              BOUND,
              estimator.lambda(),
              Double.isNaN(estimator.normCap()) ? "off" : estimator.normCap(),
              EstimatorConfig.DEFAULT_NORM_CAP));
    }
    return out;
  }
}
