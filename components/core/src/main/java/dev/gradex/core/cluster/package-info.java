/**
 * Pseudo-tasks for a target without natural tasks (Li et al., arXiv 2409.19458, stage 4;
 * docs/method.md#pseudo-tasks): examples grouped by the direction of their projected gradients, by
 * spherical k-means or average-linkage agglomerative clustering on cosine distance. Depends on the
 * root package and reads {@code store.ExampleBlock}.
 */
package dev.gradex.core.cluster;
