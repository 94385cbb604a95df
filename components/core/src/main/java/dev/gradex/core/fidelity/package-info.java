/**
 * How faithful the first-order estimates are (Li et al., arXiv 2409.19458;
 * docs/method.md#fidelity): output approximation error, relative RSS and rank correlations of
 * estimated against real fine-tuning losses, collected in a {@link
 * dev.gradex.core.fidelity.FidelityReport}. Depends only on the root package.
 */
package dev.gradex.core.fidelity;
