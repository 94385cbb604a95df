package dev.gradex.model.config;

import java.util.OptionalLong;

/** A parsed {@code config.json}: one record per family. */
public sealed interface ModelConfig permits Gpt2Config, LlamaConfig, BertConfig {
  /** The architecture family. */
  Family family();

  /** The {@code model_type} value, e.g. {@code qwen2}. */
  String modelType();

  /** Vocabulary size (rows of the token embedding). */
  int vocabSize();

  /** Width of the residual stream. */
  int hiddenSize();

  /** Number of transformer layers. */
  int numLayers();

  /**
   * The end-of-sequence token id ({@code eos_token_id}; the first of a list), appended to each
   * completion when {@code data.appendEos} is on; empty when config.json names none (and always for
   * an encoder).
   */
  default OptionalLong eosTokenId() {
    return OptionalLong.empty();
  }

  /** Whether the model is a causal decoder (else a bidirectional encoder). */
  default boolean isDecoder() {
    return family() != Family.BERT;
  }
}
