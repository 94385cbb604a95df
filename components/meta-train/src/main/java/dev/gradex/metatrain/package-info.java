/**
 * The meta-train component (ALGORITHM.md stage 1): LoRA fine-tuning of the base model on the target
 * and every source at once, keeping the epoch with the best target validation loss; the result
 * theta* is the point around which gradients are taken.
 */
package dev.gradex.metatrain;
