package dev.gradex.model.config;

/** BERT-family hyper-parameters (BERT, MiniLM), with the classification head's label count. */
public record BertConfig(
    int vocabSize,
    int hiddenSize,
    int numLayers,
    int numHeads,
    int intermediateSize,
    int maxPositions,
    int typeVocabSize,
    double layerNormEps,
    String hiddenAct,
    int numLabels)
    implements ModelConfig {

  public BertConfig {
    ConfigChecks.positive("vocab_size", vocabSize);
    ConfigChecks.divisible("hidden_size", hiddenSize, "num_attention_heads", numHeads);
    ConfigChecks.positive("num_hidden_layers", numLayers);
    ConfigChecks.positive("num_labels", numLabels);
  }

  @Override
  public Family family() {
    return Family.BERT;
  }

  @Override
  public String modelType() {
    return "bert";
  }
}
