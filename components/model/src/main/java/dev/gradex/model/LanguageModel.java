package dev.gradex.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dev.gradex.model.config.ModelConfig;
import dev.gradex.model.lora.LoraAdapter;
import dev.gradex.model.lora.LoraConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A loaded language model: the small surface that GradEx's training and gradient code needs (Li et
 * al., arXiv 2409.19458, stages 1, 2 and 5). Closing it frees its native memory.
 */
public interface LanguageModel extends AutoCloseable {
  /** The parsed config.json. */
  ModelConfig config();

  /** The manager that owns the weights (and the device they live on). */
  NDManager manager();

  /** The DJL block tree (for DJL training utilities). */
  Block block();

  /**
   * Runs the model. {@code tokenIds} and {@code attentionMask} are int64 (B, T), mask 1 for real
   * tokens and 0 for padding (right padding assumed for positions). Results are attached to the
   * inputs' manager.
   */
  ModelOutput forward(NDArray tokenIds, NDArray attentionMask, boolean training);

  /**
   * Whether {@link #backwardRecomputed} can run this model: a decoder whose LM head does not train
   * and whose LoRA has no dropout (a recomputed layer must see the same dropout mask).
   */
  default boolean recomputes() {
    return false;
  }

  /**
   * One training batch's forward and backward with activation recomputation (gradient
   * checkpointing, Chen et al., "Training Deep Nets with Sublinear Memory Cost", 2016): the layers
   * first run without autograd, keeping only each layer's input (B, T, H); the LM head and {@code
   * loss} run over chunks of {@code chunkRows} supervised rows, each differentiated before the next
   * is projected; then each layer, last to first, runs again with autograd and is differentiated
   * with the gradient of its output. What is held at once is the layer inputs, one layer's
   * activations and one chunk's logits, instead of every layer's activations and all (rows, V)
   * logits. Costs one more forward pass of the layers. Gradients of {@code scale * loss} accumulate
   * in the trainable parameters exactly as after a plain forward and backward.
   *
   * @param tokenIds int64 (B, T)
   * @param attentionMask int64 (B, T), 1 for real tokens
   * @param rows int64 (N), the supervised slots of the flattened (B * T) positions
   * @param loss the loss sum of a chunk of those rows
   * @param scale the factor the loss is differentiated with (e.g. 1 / supervised tokens)
   * @param chunkRows rows projected at a time
   * @return the loss sum over all rows
   */
  default double backwardRecomputed(
      NDArray tokenIds,
      NDArray attentionMask,
      NDArray rows,
      RowLoss loss,
      float scale,
      int chunkRows) {
    throw new UnsupportedOperationException(config().family() + " does not recompute layers");
  }

  /**
   * Adds LoRA adapters to every linear layer {@code config} targets and freezes everything else.
   */
  void applyLora(LoraConfig config, long seed);

  /** The LoRA config in force, or null before {@link #applyLora}. */
  LoraConfig loraConfig();

  /** The LoRA layers in model order. */
  List<LoraAdapter> loraLayers();

  /**
   * The trainable tensors (LoRA A and B, then any {@code modules_to_save} head), in a stable order,
   * named as Hugging Face PEFT names them.
   */
  List<NamedParameter> trainableParameters();

  /**
   * The fully trained linear layers ({@code modules_to_save}) among the trainable parameters, in
   * the order of {@link #trainableParameters()}; empty when only LoRA tensors train.
   */
  default List<ProbedLinear> savedLinears() {
    return List.of();
  }

  /** Total number of base-model weights (excluding LoRA). */
  long baseParameterCount();

  /** Writes adapter_model.safetensors and adapter_config.json in PEFT's layout. */
  void saveAdapter(Path dir, String baseModelNameOrPath) throws IOException;

  /** Loads a PEFT LoRA adapter (ours or one saved by Python PEFT), applying LoRA if needed. */
  void loadAdapter(Path dir);

  @Override
  void close();
}
