package dev.gradex.model.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.ParameterStore;
import dev.gradex.core.InvalidInputException;
import dev.gradex.model.ModelOutput;
import dev.gradex.model.config.BertConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The BERT family (Devlin et al., "BERT", NAACL 2019; MiniLM, Wang et al., 2020; Hugging Face
 * {@code BertForSequenceClassification}): word + position + token-type embeddings, post-LayerNorm
 * encoder layers, a tanh pooler over the first token and a linear {@code classifier}. Inputs are a
 * single segment (token type 0).
 */
final class BertModel extends TransformerModel {
  private final BertConfig cfg;
  private final Embedding words;
  private final Embedding positions;
  private final Embedding types;
  private final Norms.LayerNorm embNorm;
  private final List<Layer> layers = new ArrayList<>();
  private final Linear pooler;
  private final Linear classifier;

  BertModel(BertConfig cfg, NDManager manager) {
    super(cfg, manager);
    this.cfg = cfg;
    int h = cfg.hiddenSize();
    words = child(new Embedding(registry, "bert.embeddings.word_embeddings", cfg.vocabSize(), h));
    positions =
        child(
            new Embedding(registry, "bert.embeddings.position_embeddings", cfg.maxPositions(), h));
    types =
        child(
            new Embedding(
                registry, "bert.embeddings.token_type_embeddings", cfg.typeVocabSize(), h));
    embNorm =
        child(new Norms.LayerNorm(registry, "bert.embeddings.LayerNorm", h, cfg.layerNormEps()));
    for (int i = 0; i < cfg.numLayers(); i++) {
      layers.add(child(new Layer("bert.encoder.layer." + i)));
    }
    pooler = addChildBlock("pooler", linear("bert.pooler.dense", h, h, true, false));
    classifier = addChildBlock("classifier", linear("classifier", h, cfg.numLabels(), true, false));
  }

  @Override
  ModelOutput run(ParameterStore ps, NDArray ids, NDArray mask, boolean training) {
    if (ids.getShape().get(1) > cfg.maxPositions()) {
      throw new InvalidInputException(
          "token ids",
          "sequence of "
              + ids.getShape().get(1)
              + " tokens exceeds max_position_embeddings "
              + cfg.maxPositions());
    }
    NDArray x =
        words
            .apply(ps, ids, training)
            .add(positions.apply(ps, Attention.positions(ids), training))
            .add(types.apply(ps, ids.zerosLike(), training));
    x = embNorm.apply(ps, x, training);
    NDArray bias = Attention.bias(mask, false);
    for (Layer layer : layers) {
      x = layer.run(ps, x, bias, training);
    }
    NDArray first = x.get(new NDIndex(":, 0, :"));
    NDArray pooled = pooler.apply(ps, first, training).tanh();
    return new ModelOutput(x, classifier.apply(ps, pooled, training));
  }

  @Override
  String taskType() {
    return "SEQ_CLS";
  }

  @Override
  String canonicalName(String name) {
    String n =
        name.replace("LayerNorm.gamma", "LayerNorm.weight")
            .replace("LayerNorm.beta", "LayerNorm.bias");
    return n.startsWith("bert.") || n.startsWith("classifier.") ? n : "bert." + n;
  }

  @Override
  boolean ignorable(String name) {
    return name.endsWith("embeddings.position_ids") || name.startsWith("bert.cls.");
  }

  @Override
  boolean optional(String name) {
    // A base encoder checkpoint has no task head; Hugging Face initialises it fresh, and so do we.
    return name.startsWith("classifier.");
  }

  /** One encoder layer. */
  private final class Layer extends HfBlock {
    private final Linear query;
    private final Linear key;
    private final Linear value;
    private final Linear attnOut;
    private final Norms.LayerNorm attnNorm;
    private final Linear intermediate;
    private final Linear output;
    private final Norms.LayerNorm outNorm;

    Layer(String path) {
      super(BertModel.this.registry(), path);
      int h = cfg.hiddenSize();
      int inter = cfg.intermediateSize();
      double eps = cfg.layerNormEps();
      query = addChildBlock("query", linear(sub("attention.self.query"), h, h, true, false));
      key = addChildBlock("key", linear(sub("attention.self.key"), h, h, true, false));
      value = addChildBlock("value", linear(sub("attention.self.value"), h, h, true, false));
      attnOut = addChildBlock("attn_out", linear(sub("attention.output.dense"), h, h, true, false));
      attnNorm = child(new Norms.LayerNorm(registry, sub("attention.output.LayerNorm"), h, eps));
      intermediate =
          addChildBlock("intermediate", linear(sub("intermediate.dense"), h, inter, true, false));
      output = addChildBlock("output", linear(sub("output.dense"), inter, h, true, false));
      outNorm = child(new Norms.LayerNorm(registry, sub("output.LayerNorm"), h, eps));
    }

    NDArray run(ParameterStore ps, NDArray x, NDArray bias, boolean training) {
      int heads = cfg.numHeads();
      NDArray q = Attention.splitHeads(query.apply(ps, x, training), heads);
      NDArray k = Attention.splitHeads(key.apply(ps, x, training), heads);
      NDArray v = Attention.splitHeads(value.apply(ps, x, training), heads);
      NDArray att = Attention.mergeHeads(Attention.attend(q, k, v, bias));
      x = attnNorm.apply(ps, attnOut.apply(ps, att, training).add(x), training);
      NDArray m = Activations.byName(cfg.hiddenAct(), intermediate.apply(ps, x, training));
      return outNorm.apply(ps, output.apply(ps, m, training).add(x), training);
    }

    @Override
    NDArray apply(ParameterStore ps, NDArray x, boolean training) {
      throw new UnsupportedOperationException("needs the attention mask");
    }
  }
}
