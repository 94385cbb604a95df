/**
 * The extract-gradients component (stage 2 of Li et al., arXiv 2409.19458;
 * docs/method.md#stage-2-outputs-gradients-and-projection): per-example outputs b(z) and projected
 * LoRA gradients at theta* for every source example, the target's training examples and the target
 * validation examples, written to a gradient store; shard k of K, resumable; plus the merge step.
 * Incremental reselection extracts new sources alone and the merge step extends the previous store.
 */
package dev.gradex.extract;
