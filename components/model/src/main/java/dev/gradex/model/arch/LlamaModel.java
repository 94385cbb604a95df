package dev.gradex.model.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.gradex.model.config.LlamaConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The Llama family (Touvron et al., "LLaMA", 2023; Hugging Face {@code LlamaForCausalLM}, also
 * Mistral, Qwen2, SmolLM, TinyLlama): RMSNorm pre-normalisation, rotary position embeddings,
 * grouped-query attention (Ainslie et al., 2023), SwiGLU MLP (Shazeer, 2020), optionally untied
 * {@code lm_head}. Qwen2 adds biases to the q/k/v projections.
 */
final class LlamaModel extends TransformerModel {
  private final LlamaConfig cfg;
  private final Embedding embed;
  private final List<Layer> layers = new ArrayList<>();
  private final Norms.RmsNorm norm;
  private final Linear lmHead;
  private final double[] invFreqs;

  LlamaModel(LlamaConfig cfg, NDManager manager) {
    super(cfg, manager);
    this.cfg = cfg;
    this.invFreqs = cfg.inverseFrequencies();
    embed = child(new Embedding(registry, "model.embed_tokens", cfg.vocabSize(), cfg.hiddenSize()));
    for (int i = 0; i < cfg.numLayers(); i++) {
      layers.add(child(new Layer("model.layers." + i)));
    }
    norm = child(new Norms.RmsNorm(registry, "model.norm", cfg.hiddenSize(), cfg.rmsNormEps()));
    lmHead =
        cfg.tieWordEmbeddings()
            ? null
            : addChildBlock(
                "lm_head", linear("lm_head", cfg.hiddenSize(), cfg.vocabSize(), false, false));
  }

  @Override
  DecoderStack stack(ParameterStore ps, NDArray ids, NDArray mask, boolean training) {
    NDArray bias = Attention.bias(mask, true);
    NDList rope = Rotary.tables(ids.getManager(), ids.getShape().get(1), cfg.headDim(), invFreqs);
    NDArray cos = rope.get(0).toDevice(ids.getDevice(), false);
    NDArray sin = rope.get(1).toDevice(ids.getDevice(), false);
    boolean headTrains =
        lmHead != null
            && (lmHead.lora() != null || loraConfig() != null && loraConfig().saves("lm_head"));
    return new DecoderStack() {
      @Override
      public NDArray embed() {
        return embed.apply(ps, ids, training);
      }

      @Override
      public int layers() {
        return layers.size();
      }

      @Override
      public NDArray layer(int i, NDArray x) {
        return layers.get(i).run(ps, x, bias, cos, sin, training);
      }

      @Override
      public NDArray finalNorm(NDArray x) {
        return norm.apply(ps, x, training);
      }

      @Override
      public NDArray lmHead(NDArray h) {
        // Tied: the embedding table is the output projection.
        return lmHead == null
            ? h.matMul(embed.table(ps, h, training).transpose())
            : lmHead.apply(ps, h, training);
      }

      @Override
      public boolean headTrains() {
        // A trained lm_head keeps its (B, T, H) input: per-example gradients read it per example.
        return headTrains;
      }
    };
  }

  @Override
  String taskType() {
    return "CAUSAL_LM";
  }

  @Override
  String canonicalName(String name) {
    return name;
  }

  @Override
  boolean ignorable(String name) {
    // Older checkpoints store the rotary inverse frequencies; tied models may repeat lm_head.
    return name.endsWith("rotary_emb.inv_freq")
        || (cfg.tieWordEmbeddings() && name.equals("lm_head.weight"));
  }

  /** One decoder layer. */
  private final class Layer extends HfBlock {
    private final Norms.RmsNorm inputNorm;
    private final Linear q;
    private final Linear k;
    private final Linear v;
    private final Linear o;
    private final Norms.RmsNorm postNorm;
    private final Linear gate;
    private final Linear up;
    private final Linear down;

    Layer(String path) {
      super(LlamaModel.this.registry(), path);
      int h = cfg.hiddenSize();
      int hd = cfg.headDim();
      int inter = cfg.intermediateSize();
      boolean qkvBias = cfg.attentionBias();
      inputNorm = child(new Norms.RmsNorm(registry, sub("input_layernorm"), h, cfg.rmsNormEps()));
      q =
          addChildBlock(
              "q_proj", linear(sub("self_attn.q_proj"), h, cfg.numHeads() * hd, qkvBias, false));
      k =
          addChildBlock(
              "k_proj", linear(sub("self_attn.k_proj"), h, cfg.numKvHeads() * hd, qkvBias, false));
      v =
          addChildBlock(
              "v_proj", linear(sub("self_attn.v_proj"), h, cfg.numKvHeads() * hd, qkvBias, false));
      o =
          addChildBlock(
              "o_proj", linear(sub("self_attn.o_proj"), cfg.numHeads() * hd, h, false, false));
      postNorm =
          child(new Norms.RmsNorm(registry, sub("post_attention_layernorm"), h, cfg.rmsNormEps()));
      gate = addChildBlock("gate_proj", linear(sub("mlp.gate_proj"), h, inter, false, false));
      up = addChildBlock("up_proj", linear(sub("mlp.up_proj"), h, inter, false, false));
      down = addChildBlock("down_proj", linear(sub("mlp.down_proj"), inter, h, false, false));
    }

    NDArray run(
        ParameterStore ps, NDArray x, NDArray bias, NDArray cos, NDArray sin, boolean training) {
      NDArray a = inputNorm.apply(ps, x, training);
      int rep = cfg.numHeads() / cfg.numKvHeads();
      NDArray qh =
          Rotary.apply(Attention.splitHeads(q.apply(ps, a, training), cfg.numHeads()), cos, sin);
      NDArray kh =
          Rotary.apply(Attention.splitHeads(k.apply(ps, a, training), cfg.numKvHeads()), cos, sin);
      NDArray vh = Attention.splitHeads(v.apply(ps, a, training), cfg.numKvHeads());
      NDArray att =
          Attention.attend(qh, Attention.repeatKv(kh, rep), Attention.repeatKv(vh, rep), bias);
      x = x.add(o.apply(ps, Attention.mergeHeads(att), training));
      NDArray m = postNorm.apply(ps, x, training);
      NDArray swiglu = Activations.silu(gate.apply(ps, m, training)).mul(up.apply(ps, m, training));
      return x.add(down.apply(ps, swiglu, training));
    }

    @Override
    NDArray apply(ParameterStore ps, NDArray x, boolean training) {
      throw new UnsupportedOperationException("needs the attention mask and rotary tables");
    }
  }
}
