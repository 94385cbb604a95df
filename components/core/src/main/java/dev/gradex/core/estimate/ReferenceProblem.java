package dev.gradex.core.estimate;

/**
 * The exact problem the reference mode solves for one subset (Li et al., arXiv 2409.19458, stage 3,
 * as the research code does it), for parity tests against scikit-learn's {@code
 * LogisticRegression(solver="liblinear", C=c, fit_intercept=True, intercept_scaling=1)} fitted on
 * ({@code features}, {@code labels}).
 *
 * @param rows number of examples of D_S (subset tasks in the given order, then the target task)
 * @param dim d
 * @param features row-major rows x d, sign-flipped for label 0 (x' = x if y = 1, -x if y = 0)
 * @param labels 0 or 1 per row; label 1 is liblinear's positive class (+1)
 * @param c liblinear's C
 * @param w the solution's coefficients
 * @param intercept the solution's intercept (regularised, as liblinear does)
 * @param gradientNorm ||grad|| of the liblinear primal at the solution
 */
public record ReferenceProblem(
    int rows,
    int dim,
    float[] features,
    int[] labels,
    double c,
    double[] w,
    double intercept,
    double gradientNorm) {}
