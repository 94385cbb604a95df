/**
 * The fine-tune component (stage 5 of Li et al., arXiv 2409.19458;
 * docs/method.md#stage-5-final-fine-tuning): LoRA fine-tuning of the pretrained base model (not
 * theta*) on the target and the selected sources, evaluated on the target's test split.
 */
package dev.gradex.finetune;
