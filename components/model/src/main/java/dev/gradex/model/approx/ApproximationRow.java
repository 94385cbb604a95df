package dev.gradex.model.approx;

/**
 * The output-approximation error of one direction at one relative distance (Li et al., arXiv
 * 2409.19458): per example {@code e_i = (|b_i + g_i^T delta - o_i(theta* + delta)| /
 * max(|o_i(theta* + delta)|, |b_i|))^2}.
 *
 * @param direction the direction's name ({@link Directions#FINE_TUNED} or {@link
 *     Directions#RANDOM})
 * @param relativeDistance the requested {@code ||delta|| / ||theta*||}
 * @param realisedDistance {@code ||delta|| / ||theta*||} of the float parameters actually set
 * @param meanError the mean of e_i over the examples: the paper's measure
 * @param medianError the median of e_i
 * @param constantError the mean error of the zeroth-order model {@code o(theta* + delta) ~ b} (g =
 *     0): what the gradient term improves on
 * @param examples examples measured
 */
public record ApproximationRow(
    String direction,
    double relativeDistance,
    double realisedDistance,
    double meanError,
    double medianError,
    double constantError,
    int examples) {}
