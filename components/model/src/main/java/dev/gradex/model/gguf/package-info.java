/**
 * Reads GGUF files (llama.cpp's single-file model format: header, typed metadata, tensor index and
 * aligned tensor data), dequantises their tensors to float32 and converts a Llama-family model into
 * a Hugging Face directory ({@code model.safetensors}, {@code config.json}, {@code tokenizer.json})
 * that {@code arch.HfModels} loads. Pure Java NIO over a memory-mapped, little-endian file.
 */
package dev.gradex.model.gguf;
