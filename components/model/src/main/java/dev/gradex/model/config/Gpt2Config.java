package dev.gradex.model.config;

/**
 * GPT-2 hyper-parameters ({@code n_embd}, {@code n_layer}, {@code n_head}, {@code n_positions},
 * {@code layer_norm_epsilon}). The tiny decoder used for tests and the demo is a small GPT-2.
 */
public record Gpt2Config(
    int vocabSize, int nPositions, int hiddenSize, int numLayers, int numHeads, double layerNormEps)
    implements ModelConfig {

  public Gpt2Config {
    ConfigChecks.positive("vocab_size", vocabSize);
    ConfigChecks.positive("n_positions", nPositions);
    ConfigChecks.divisible("n_embd", hiddenSize, "n_head", numHeads);
    ConfigChecks.positive("n_layer", numLayers);
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
