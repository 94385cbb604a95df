package dev.gradex.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import dev.gradex.core.InvalidInputException;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.ModelRuntime;
import dev.gradex.model.data.Batch;
import dev.gradex.model.objective.Objectives;
import dev.gradex.model.tensor.Scalars;

/**
 * The forward and backward pass of one training micro-batch (stage 1's and stage 5's LoRA
 * fine-tuning, Li et al., arXiv 2409.19458): the summed token cross-entropy over the batch's
 * supervised slots, divided by the optimizer step's supervised tokens and differentiated, the
 * gradients accumulated in the trainable parameters. Either plainly (autograd keeps every layer's
 * activations) or with the layers recomputed ({@link LanguageModel#backwardRecomputed}: less memory
 * for one more forward pass of the layers); both give the same gradients.
 */
public final class BatchBackward {
  /** Logits projected at a time when recomputing: 2^22 floats (16 MiB) per chunk. */
  static final long CHUNK_ELEMENTS = 1L << 22;

  private BatchBackward() {}

  /**
   * Runs the batch; returns its loss sum.
   *
   * @param model the model, LoRA applied
   * @param batch the micro-batch, on a manager the caller closes
   * @param stepTokens the optimizer step's supervised tokens: the loss sum over them is what is
   *     differentiated
   * @param recompute whether to recompute the layers (the model must {@link
   *     LanguageModel#recomputes() allow it})
   */
  public static double run(LanguageModel model, Batch batch, long stepTokens, boolean recompute) {
    return run(
        model,
        batch,
        stepTokens,
        recompute,
        (int) Math.max(1, CHUNK_ELEMENTS / model.config().vocabSize()));
  }

  /** {@link #run(LanguageModel, Batch, long, boolean)} projecting {@code chunkRows} at a time. */
  static double run(
      LanguageModel model, Batch batch, long stepTokens, boolean recompute, int chunkRows) {
    if (recompute) {
      requireRecompute(model);
      return model.backwardRecomputed(
          batch.ids(),
          batch.mask(),
          batch.rows(),
          (logits, part) -> Objectives.tokenLoss(logits, batch.rowTargets().get(part)).sum(),
          1f / stepTokens,
          chunkRows);
    }
    try (GradientCollector gc = ModelRuntime.engine().newGradientCollector()) {
      NDArray sum = Objectives.lossSum(model.forward(batch.ids(), batch.mask(), true), batch);
      gc.backward(Scalars.div(sum, stepTokens));
      return sum.getFloat();
    }
  }

  /** Refuses, by setting, to recompute a model that cannot. */
  static void requireRecompute(LanguageModel model) {
    if (!model.recomputes()) {
      throw new InvalidInputException(
          "recompute",
          "layer recomputation needs a causal decoder whose LM head does not train and whose LoRA"
              + " dropout is 0; this model is a "
              + model.config().family()
              + (model.config().isDecoder() ? " with a trained head or LoRA dropout" : " encoder"));
    }
  }
}
