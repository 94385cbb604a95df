/**
 * The fine-tune component (ALGORITHM.md stage 5): LoRA fine-tuning of the pretrained base model
 * (not theta*) on the target and the selected sources, evaluated on the target's test split.
 */
package dev.gradex.finetune;
