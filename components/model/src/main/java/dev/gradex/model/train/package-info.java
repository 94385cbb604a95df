/**
 * Training shared by GradEx's meta-training (stage 1) and final fine-tuning (stage 5) (Li, Zhang,
 * Wang, Zhang, arXiv 2409.19458): AdamW with warm-up and linear or cosine decay, clipping,
 * accumulation, seeded shuffling, per-epoch target validation, best checkpoint, crash-safe resume,
 * and evaluation (loss, perplexity, accuracy).
 */
package dev.gradex.model.train;
