/**
 * Stage 2 of GradEx (Li, Zhang, Wang, Zhang, "Scalable Fine-tuning from Multiple Data Sources: A
 * First-Order Approximation Approach", EMNLP Findings 2024, arXiv 2409.19458): per-example outputs
 * o(z) and gradients of the trainable (LoRA) parameters from one batched forward and backward pass,
 * projected by the core's seeded Rademacher projector and streamed into the core's gradient store,
 * sharded and resumable.
 */
package dev.gradex.model.gradients;
