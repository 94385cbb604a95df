/**
 * The GradEx model library on DJL's PyTorch engine: language models loaded from Hugging Face
 * directories (GPT-2, Llama family, BERT family, a tiny trainable decoder) with LoRA adapters in
 * Hugging Face PEFT's format. It is the model side of GradEx (Li, Zhang, Wang, Zhang, "Scalable
 * Fine-tuning from Multiple Data Sources: A First-Order Approximation Approach", EMNLP Findings
 * 2024, arXiv 2409.19458): stage 1 meta-trains the LoRA tensors, stage 2 takes per-example
 * gradients of the model output through {@link dev.gradex.model.lora.LoraAdapter}'s captured
 * activations and output probes, stage 5 fine-tunes the base model.
 *
 * <p>Package dependencies (no cycles): {@code safetensors}, {@code config}, {@code tokenizer} are
 * leaves; {@code lora} uses {@code safetensors} and {@code config}; this package uses {@code lora}
 * and {@code config}; {@code arch} uses all of those; {@code cli} sits on top. No package depends
 * on the tracking library or the component runtime, but for three classes of {@code cli} listed in
 * {@code PackageRulesTest} (tests/), which checks these rules.
 */
package dev.gradex.model;
