/**
 * Transformer architectures as DJL blocks, with parameters named by their Hugging Face tensor
 * names: GPT-2, the Llama family (Llama, Mistral, Qwen2, SmolLM, TinyLlama), the BERT family (BERT,
 * MiniLM) with a classification head, and a tiny GPT-2 for tests and the demo. Normalisation,
 * rotary embeddings and attention are written here (DJL's own transformer block uses batch
 * normalisation). Uses the {@code safetensors}, {@code config} and {@code lora} packages.
 */
package dev.gradex.model.arch;
