package dev.gradex.core.estimate;

/**
 * The factor c_S applied to w before evaluating fhat, and the relative norm ||P c w|| / ||theta*||
 * (Li et al., arXiv 2409.19458, stage 3: the estimate is valid only near theta*). ||P w|| is
 * estimated as sqrt(p/d) ||w||, the expected norm under P's +-1/sqrt(d) Rademacher entries.
 */
final class NormScale {
  private final EstimatorConfig config;
  private final double projectionGain;

  NormScale(EstimatorConfig config, int dim) {
    this.config = config;
    this.projectionGain =
        config.parameterCount() > 0
            ? Math.sqrt((double) config.parameterCount() / dim)
            : Double.NaN;
  }

  /** c_S = min(1, r ||theta*|| / ||P w||) under a norm cap r, else 1. */
  double capped(double wNorm) {
    if (Double.isNaN(config.normCap()) || wNorm == 0) {
      return 1;
    }
    return Math.min(1, config.normCap() * config.adapterNorm() / (projectionGain * wNorm));
  }

  /** c_S with ||P c w|| = scale ||theta*|| (reference mode); 1 when scale or adapter is unknown. */
  double rescaled(double wNorm) {
    if (Double.isNaN(config.referenceScale()) || !config.knowsAdapter() || wNorm == 0) {
      return 1;
    }
    return config.referenceScale() * config.adapterNorm() / (projectionGain * wNorm);
  }

  /** ||P c w|| / ||theta*||, NaN without parameter count and adapter norm. */
  double relative(double wNorm, double c) {
    if (!config.knowsAdapter()) {
      return Double.NaN;
    }
    return c * projectionGain * wNorm / config.adapterNorm();
  }
}
