/**
 * The meta-train component (stage 1 of Li et al., arXiv 2409.19458;
 * docs/method.md#stage-1-meta-training): LoRA fine-tuning of the base model on the target and every
 * source at once, keeping the epoch with the best target validation loss; the result theta* is the
 * point around which gradients are taken.
 */
package dev.gradex.metatrain;
