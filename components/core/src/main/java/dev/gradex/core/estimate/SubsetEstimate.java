package dev.gradex.core.estimate;

/**
 * The estimate for one subset S (Li et al., arXiv 2409.19458, stage 3).
 *
 * @param w the fitted direction w_S in projected space, before the norm scale
 * @param estimatedLoss fhat(S) on the target validation examples, at {@code normScale * w}
 * @param trainLoss the objective the mode minimises, at {@code w}; the fast paths report the value
 *     of their quadratic (one-Newton) or first-order (closed-form) model, since they never read the
 *     examples
 * @param iterations solver iterations (0 for closed-form, 1 for one-Newton)
 * @param converged whether the solver met its tolerance (fast paths: always, for their own model)
 * @param gradientNorm the 2-norm of the objective's gradient at {@code w} (the KKT residual); NaN
 *     for the fast paths, which do not evaluate it
 * @param normScale c_S, the factor applied to w before evaluating fhat (1 unless capped or scaled)
 * @param relativeNorm estimated ||P c_S w|| / ||theta*||, NaN without parameter count and adapter
 *     norm
 */
public record SubsetEstimate(
    double[] w,
    double estimatedLoss,
    double trainLoss,
    int iterations,
    boolean converged,
    double gradientNorm,
    double normScale,
    double relativeNorm) {}
