/**
 * The output-approximation error of GradEx's first-order model (Li, Zhang, Wang, Zhang, arXiv
 * 2409.19458, the fidelity section): how far {@code o(theta* + delta)} is from its linearisation
 * {@code o(theta*) + g^T delta} at relative distances {@code ||delta|| / ||theta*||}, with the same
 * example output o and the same full (unprojected) gradient g as the extraction stage. Uses the
 * {@code gradients}, {@code objective}, {@code train} and {@code data} packages and the core's
 * {@code fidelity} formulas; nothing depends on it but the command line.
 */
package dev.gradex.model.approx;
