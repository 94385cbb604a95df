package dev.gradex.model.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.gradex.core.InvalidInputException;
import dev.gradex.model.config.Gpt2Config;
import java.util.ArrayList;
import java.util.List;

/**
 * GPT-2 (Radford et al., "Language Models are Unsupervised Multitask Learners", 2019; Hugging Face
 * {@code GPT2LMHeadModel}): learned position embeddings, pre-LayerNorm blocks with fused q/k/v
 * Conv1D projections ({@code c_attn}, weights stored (in, out)), gelu_new MLP, final {@code ln_f},
 * output projection tied to {@code wte}.
 */
final class Gpt2Model extends TransformerModel {
  private final Gpt2Config cfg;
  private final Embedding wte;
  private final Embedding wpe;
  private final List<Layer> layers = new ArrayList<>();
  private final Norms.LayerNorm lnF;

  Gpt2Model(Gpt2Config cfg, NDManager manager) {
    super(cfg, manager);
    this.cfg = cfg;
    int h = cfg.hiddenSize();
    wte = child(new Embedding(registry, "transformer.wte", cfg.vocabSize(), h));
    wpe = child(new Embedding(registry, "transformer.wpe", cfg.nPositions(), h));
    for (int i = 0; i < cfg.numLayers(); i++) {
      layers.add(child(new Layer("transformer.h." + i)));
    }
    lnF = child(new Norms.LayerNorm(registry, "transformer.ln_f", h, cfg.layerNormEps()));
  }

  @Override
  DecoderStack stack(ParameterStore ps, NDArray ids, NDArray mask, boolean training) {
    if (ids.getShape().get(1) > cfg.nPositions()) {
      throw new InvalidInputException(
          "token ids",
          "sequence of "
              + ids.getShape().get(1)
              + " tokens exceeds n_positions "
              + cfg.nPositions());
    }
    NDArray bias = Attention.bias(mask, true);
    return new DecoderStack() {
      @Override
      public NDArray embed() {
        return wte.apply(ps, ids, training).add(wpe.apply(ps, Attention.positions(ids), training));
      }

      @Override
      public int layers() {
        return layers.size();
      }

      @Override
      public NDArray layer(int i, NDArray x) {
        return layers.get(i).run(ps, x, bias, training);
      }

      @Override
      public NDArray finalNorm(NDArray x) {
        return lnF.apply(ps, x, training);
      }

      @Override
      public NDArray lmHead(NDArray h) {
        return h.matMul(wte.table(ps, h, training).transpose());
      }

      @Override
      public boolean headTrains() {
        return false;
      }
    };
  }

  @Override
  String taskType() {
    return "CAUSAL_LM";
  }

  @Override
  String canonicalName(String name) {
    return name.startsWith("transformer.") || name.startsWith("lm_head.")
        ? name
        : "transformer." + name;
  }

  @Override
  boolean ignorable(String name) {
    // Causal-mask buffers of older checkpoints, and lm_head, which is tied to wte.
    return name.endsWith(".attn.bias") && !registry.slots().containsKey(name)
        || name.endsWith(".attn.masked_bias")
        || name.equals("lm_head.weight");
  }

  /** One GPT-2 block. */
  private final class Layer extends HfBlock {
    private final Norms.LayerNorm ln1;
    private final Linear cAttn;
    private final Linear attnProj;
    private final Norms.LayerNorm ln2;
    private final Linear cFc;
    private final Linear mlpProj;

    Layer(String path) {
      super(Gpt2Model.this.registry(), path);
      int h = cfg.hiddenSize();
      double eps = cfg.layerNormEps();
      ln1 = child(new Norms.LayerNorm(registry, sub("ln_1"), h, eps));
      cAttn = addChildBlock("c_attn", linear(sub("attn.c_attn"), h, 3 * h, true, true));
      attnProj = addChildBlock("attn_c_proj", linear(sub("attn.c_proj"), h, h, true, true));
      ln2 = child(new Norms.LayerNorm(registry, sub("ln_2"), h, eps));
      cFc = addChildBlock("c_fc", linear(sub("mlp.c_fc"), h, cfg.innerSize(), true, true));
      mlpProj =
          addChildBlock("mlp_c_proj", linear(sub("mlp.c_proj"), cfg.innerSize(), h, true, true));
    }

    NDArray run(ParameterStore ps, NDArray x, NDArray bias, boolean training) {
      NDList qkv = cAttn.apply(ps, ln1.apply(ps, x, training), training).split(3, 2);
      int heads = cfg.numHeads();
      NDArray q = Attention.splitHeads(qkv.get(0), heads);
      NDArray k = Attention.splitHeads(qkv.get(1), heads);
      NDArray v = Attention.splitHeads(qkv.get(2), heads);
      NDArray att = Attention.mergeHeads(Attention.attend(q, k, v, bias));
      x = x.add(attnProj.apply(ps, att, training));
      NDArray m = Activations.geluTanh(cFc.apply(ps, ln2.apply(ps, x, training), training));
      return x.add(mlpProj.apply(ps, m, training));
    }

    @Override
    NDArray apply(ParameterStore ps, NDArray x, boolean training) {
      throw new UnsupportedOperationException("needs the attention mask");
    }
  }
}
