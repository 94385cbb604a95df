/**
 * Low-rank adaptation (Hu et al., "LoRA: Low-Rank Adaptation of Large Language Models", ICLR 2022)
 * in Hugging Face PEFT's conventions: settings per family from configuration, the adapter layer
 * with the activation capture and output probe that GradEx's per-example gradients need (Li et al.,
 * arXiv 2409.19458, stage 2), and PEFT's adapter file layout. Uses {@code safetensors} and {@code
 * config}.
 */
package dev.gradex.model.lora;
