/**
 * How faithful the first-order estimates are (ALGORITHM.md "Fidelity"): output approximation error,
 * relative RSS and rank correlations of estimated against real fine-tuning losses, collected in a
 * {@link dev.gradex.core.fidelity.FidelityReport}. Depends only on the root package.
 */
package dev.gradex.core.fidelity;
