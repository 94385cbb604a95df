/**
 * Subset estimators of stage 3 (Li et al., arXiv 2409.19458; docs/method.md#estimators): fhat(S)
 * for many subsets S of auxiliary tasks, from a gradient store, by the faithful logistic model, its
 * one-Newton and closed-form fast paths, and a mode compatible with the research code. Depends on
 * {@code dev.gradex.core}, {@code store} and {@code linalg} only.
 */
package dev.gradex.core.estimate;
