/**
 * The random projection gtilde = P^T g of stage 2 (Li et al., arXiv 2409.19458;
 * docs/method.md#stage-2-outputs-gradients-and-projection): a Rademacher matrix P generated block
 * by block from a counter-based Philox generator, never materialised densely, reproducible on any
 * shard from (seed, d, parameter layout). Depends only on the root package {@code dev.gradex.core}
 * and the JDK.
 */
package dev.gradex.core.projection;
