package dev.gradex.model.config;

import java.util.OptionalLong;

/**
 * GPT-2 hyper-parameters ({@code n_embd}, {@code n_layer}, {@code n_head}, {@code n_positions},
 * {@code layer_norm_epsilon}, {@code eos_token_id}). The tiny decoder used for tests and the demo
 * is a small GPT-2 without an end-of-sequence token.
 */
public record Gpt2Config(
    int vocabSize,
    int nPositions,
    int hiddenSize,
    int numLayers,
    int numHeads,
    double layerNormEps,
    OptionalLong eosTokenId)
    implements ModelConfig {

  public Gpt2Config {
    ConfigChecks.positive("vocab_size", vocabSize);
    ConfigChecks.positive("n_positions", nPositions);
    ConfigChecks.divisible("n_embd", hiddenSize, "n_head", numHeads);
    ConfigChecks.positive("n_layer", numLayers);
    eosTokenId = eosTokenId == null ? OptionalLong.empty() : eosTokenId;
    ConfigChecks.inVocabulary("eos_token_id", eosTokenId, vocabSize);
  }

  /** Without an end-of-sequence token. */
  public Gpt2Config(
      int vocabSize,
      int nPositions,
      int hiddenSize,
      int numLayers,
      int numHeads,
      double layerNormEps) {
    this(
        vocabSize, nPositions, hiddenSize, numLayers, numHeads, layerNormEps, OptionalLong.empty());
  }

  @Override
  public Family family() {
    return Family.GPT2;
  }

  @Override
  public String modelType() {
    return "gpt2";
  }

  /** Inner MLP width: GPT-2 uses four times the hidden size. */
  public int innerSize() {
    return 4 * hiddenSize;
  }
}
