/**
 * Random subsets of auxiliary tasks for the GradEx random ensemble (Li et al., arXiv 2409.19458,
 * stage 4; docs/method.md#stage-4-sampling-scoring-selection): seeded, JDK-independent sampling and
 * the persisted subset list. Depends only on the root package.
 */
package dev.gradex.core.subsets;
