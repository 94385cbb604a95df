package dev.gradex.model.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.ModelOutput;
import dev.gradex.model.NamedParameter;
import dev.gradex.model.RowLoss;
import dev.gradex.model.config.ModelConfig;
import dev.gradex.model.lora.LoraAdapter;
import dev.gradex.model.lora.LoraConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Shared top of every architecture: the weight registry, LoRA injection and freezing, the trainable
 * parameter layout and adapter I/O (delegated to {@link AdapterIo}). Subclasses build their layers
 * and implement {@link #run}.
 */
abstract class TransformerModel extends HfBlock implements LanguageModel {
  private final ModelConfig config;
  private final NDManager manager;
  private final List<Linear> linears = new ArrayList<>();
  private final List<LoraAdapter> loraLayers = new ArrayList<>();
  private final ParameterStore store;
  private LoraConfig loraConfig;

  TransformerModel(ModelConfig config, NDManager manager) {
    super(new WeightRegistry(), "");
    this.config = config;
    this.manager = manager;
    this.store = new ParameterStore(manager, false);
  }

  /** Creates and registers a linear layer so that LoRA can find it by path. */
  protected Linear linear(String path, int in, int out, boolean bias, boolean conv1d) {
    Linear l = new Linear(registry, path, in, out, bias, conv1d);
    linears.add(l);
    return l;
  }

  /** The architecture's forward pass. */
  ModelOutput run(ParameterStore ps, NDArray ids, NDArray mask, boolean training) {
    return stack(ps, ids, mask, training).run();
  }

  /** A decoder's forward pass for this batch, cut at its layers; null for an encoder. */
  DecoderStack stack(ParameterStore ps, NDArray ids, NDArray mask, boolean training) {
    return null;
  }

  @Override
  public boolean recomputes() {
    return config.isDecoder()
        && (loraConfig == null || loraConfig.dropout() == 0)
        && savedLinears().isEmpty()
        && !headTrainsLora();
  }

  /** Whether LoRA sits on an untied LM head. */
  private boolean headTrainsLora() {
    for (LoraAdapter a : loraLayers) {
      if (a.peftNameA().contains("lm_head")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public double backwardRecomputed(
      NDArray tokenIds,
      NDArray attentionMask,
      NDArray rows,
      RowLoss loss,
      float scale,
      int chunkRows) {
    if (!recomputes()) {
      LanguageModel.super.backwardRecomputed(tokenIds, attentionMask, rows, loss, scale, chunkRows);
    }
    if (tokenIds.getManager() == manager) {
      throw new IllegalArgumentException("the batch must live on a manager of its own");
    }
    DecoderStack s = stack(store, tokenIds, attentionMask, true);
    return LayerRecompute.run(s, tokenIds.getManager(), manager, rows, loss, scale, chunkRows);
  }

  WeightRegistry registry() {
    return registry;
  }

  List<Linear> linears() {
    return linears;
  }

  @Override
  public ModelOutput forward(NDArray tokenIds, NDArray attentionMask, boolean training) {
    if (!JniUtils.isGradMode() && tokenIds.getManager() != manager) {
      // Without autograd nothing needs a layer's intermediates once the layer is done (scoped on
      // the batch's manager; inputs on the model's own manager run as one piece).
      DecoderStack s = stack(store, tokenIds, attentionMask, training);
      if (s != null) {
        return LayerRecompute.forwardWithoutGradients(s, tokenIds.getManager(), manager);
      }
    }
    return run(store, tokenIds, attentionMask, training);
  }

  @Override
  NDArray apply(ParameterStore ps, NDArray x, boolean training) {
    NDArray mask = x.onesLike();
    return run(ps, x, mask, training).logits();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray ids = inputs.get(0);
    NDArray mask = inputs.size() > 1 ? inputs.get(1) : ids.onesLike();
    ModelOutput out = run(ps, ids, mask, training);
    return new NDList(out.logits(), out.hidden());
  }

  @Override
  public ModelConfig config() {
    return config;
  }

  @Override
  public NDManager manager() {
    return manager;
  }

  @Override
  public Block block() {
    return this;
  }

  @Override
  public void applyLora(LoraConfig lora, long seed) {
    applyLora(lora, seed, l -> lora.targets(l.path()));
  }

  void applyLora(LoraConfig lora, long seed, java.util.function.Predicate<Linear> where) {
    if (loraConfig != null) {
      throw new IllegalStateException("LoRA is already applied");
    }
    Random rng = new Random(seed);
    for (Linear l : linears) {
      if (where.test(l)) {
        loraLayers.add(l.attachLora(lora, manager, rng));
      }
    }
    if (loraLayers.isEmpty()) {
      throw new IllegalArgumentException(
          "LoRA target_modules " + lora.targetModules() + " match no linear layer of this model");
    }
    loraConfig = lora;
    for (WeightRegistry.Slot s : registry.slots().values()) {
      s.parameter().freeze(!lora.saves(moduleOf(s.name())));
    }
  }

  static String moduleOf(String weightName) {
    int dot = weightName.lastIndexOf('.');
    return dot < 0 ? "" : weightName.substring(0, dot);
  }

  @Override
  public LoraConfig loraConfig() {
    return loraConfig;
  }

  @Override
  public List<LoraAdapter> loraLayers() {
    return List.copyOf(loraLayers);
  }

  @Override
  public List<NamedParameter> trainableParameters() {
    List<NamedParameter> out = new ArrayList<>();
    for (LoraAdapter a : loraLayers) {
      out.add(new NamedParameter(a.peftNameA(), a.loraA()));
      out.add(new NamedParameter(a.peftNameB(), a.loraB()));
    }
    if (loraConfig != null) {
      for (Map.Entry<String, WeightRegistry.Slot> e : registry.slots().entrySet()) {
        if (loraConfig.saves(moduleOf(e.getKey()))) {
          out.add(new NamedParameter("base_model.model." + e.getKey(), e.getValue().parameter()));
        }
      }
    }
    return out;
  }

  @Override
  public List<dev.gradex.model.ProbedLinear> savedLinears() {
    List<dev.gradex.model.ProbedLinear> out = new ArrayList<>();
    if (loraConfig != null) {
      for (Linear l : linears) {
        if (loraConfig.saves(l.path())) {
          out.add(l);
        }
      }
    }
    return out;
  }

  @Override
  public long baseParameterCount() {
    long n = 0;
    for (WeightRegistry.Slot s : registry.slots().values()) {
      n += s.shape().size();
    }
    return n;
  }

  /** Task type for adapter_config.json. */
  abstract String taskType();

  /** Adds the family's namespace prefix to a checkpoint name lacking it (e.g. {@code bert.}). */
  abstract String canonicalName(String checkpointName);

  /** Whether a checkpoint tensor is a buffer or duplicate this model does not need. */
  abstract boolean ignorable(String canonicalName);

  /** Whether a weight may be absent from a checkpoint (then initialised randomly). */
  boolean optional(String canonicalName) {
    return false;
  }

  @Override
  public void saveAdapter(Path dir, String baseModelNameOrPath) throws IOException {
    AdapterIo.save(this, dir, baseModelNameOrPath);
  }

  @Override
  public void loadAdapter(Path dir) {
    AdapterIo.load(this, dir);
  }

  @Override
  public void close() {
    manager.close();
  }
}
