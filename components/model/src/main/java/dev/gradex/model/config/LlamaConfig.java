package dev.gradex.model.config;

import java.util.OptionalLong;

/**
 * Llama-family hyper-parameters, shared by Llama, Mistral, Qwen2, SmolLM and TinyLlama. Qwen2 adds
 * biases to the q/k/v projections ({@code attentionBias}). Mistral's sliding window is not applied
 * (equivalent for sequences no longer than the window). {@code eosTokenId} is config.json's {@code
 * eos_token_id} (the first of a list), empty if it has none.
 */
public record LlamaConfig(
    String modelType,
    int vocabSize,
    int hiddenSize,
    int intermediateSize,
    int numLayers,
    int numHeads,
    int numKvHeads,
    int headDim,
    double rmsNormEps,
    double ropeTheta,
    int maxPositions,
    boolean tieWordEmbeddings,
    boolean attentionBias,
    RopeScaling ropeScaling,
    OptionalLong eosTokenId)
    implements ModelConfig {

  /** Without an end-of-sequence token. */
  public LlamaConfig(
      String modelType,
      int vocabSize,
      int hiddenSize,
      int intermediateSize,
      int numLayers,
      int numHeads,
      int numKvHeads,
      int headDim,
      double rmsNormEps,
      double ropeTheta,
      int maxPositions,
      boolean tieWordEmbeddings,
      boolean attentionBias,
      RopeScaling ropeScaling) {
    this(
        modelType,
        vocabSize,
        hiddenSize,
        intermediateSize,
        numLayers,
        numHeads,
        numKvHeads,
        headDim,
        rmsNormEps,
        ropeTheta,
        maxPositions,
        tieWordEmbeddings,
        attentionBias,
        ropeScaling,
        OptionalLong.empty());
  }

  /** Without rope scaling or an end-of-sequence token. */
  public LlamaConfig(
      String modelType,
      int vocabSize,
      int hiddenSize,
      int intermediateSize,
      int numLayers,
      int numHeads,
      int numKvHeads,
      int headDim,
      double rmsNormEps,
      double ropeTheta,
      int maxPositions,
      boolean tieWordEmbeddings,
      boolean attentionBias) {
    this(
        modelType,
        vocabSize,
        hiddenSize,
        intermediateSize,
        numLayers,
        numHeads,
        numKvHeads,
        headDim,
        rmsNormEps,
        ropeTheta,
        maxPositions,
        tieWordEmbeddings,
        attentionBias,
        null,
        OptionalLong.empty());
  }

  /** The rotary inverse frequencies theta^(-2i/d), i < d/2, after any rope scaling. */
  public double[] inverseFrequencies() {
    double[] inv = new double[headDim / 2];
    for (int i = 0; i < inv.length; i++) {
      // Computed in float32 by the reference implementation.
      inv[i] = (float) (1.0 / Math.pow(ropeTheta, (2.0 * i) / headDim));
    }
    if (ropeScaling != null) {
      ropeScaling.apply(inv);
    }
    return inv;
  }

  public LlamaConfig {
    ConfigChecks.positive("vocab_size", vocabSize);
    ConfigChecks.positive("intermediate_size", intermediateSize);
    ConfigChecks.positive("num_hidden_layers", numLayers);
    ConfigChecks.divisible("num_attention_heads", numHeads, "num_key_value_heads", numKvHeads);
    ConfigChecks.positive("head_dim", headDim);
    if (headDim % 2 != 0) {
      throw new IllegalArgumentException("head_dim must be even for rotary embeddings");
    }
    eosTokenId = eosTokenId == null ? OptionalLong.empty() : eosTokenId;
    ConfigChecks.inVocabulary("eos_token_id", eosTokenId, vocabSize);
  }

  /** This config with {@code eos} as its end-of-sequence token. */
  public LlamaConfig withEosTokenId(OptionalLong eos) {
    return new LlamaConfig(
        modelType,
        vocabSize,
        hiddenSize,
        intermediateSize,
        numLayers,
        numHeads,
        numKvHeads,
        headDim,
        rmsNormEps,
        ropeTheta,
        maxPositions,
        tieWordEmbeddings,
        attentionBias,
        ropeScaling,
        eos);
  }

  @Override
  public Family family() {
    return Family.LLAMA;
  }
}
