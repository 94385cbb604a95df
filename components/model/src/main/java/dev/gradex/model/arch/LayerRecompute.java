package dev.gradex.model.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.gradex.model.ModelOutput;
import dev.gradex.model.RowLoss;
import dev.gradex.model.TransientArrays;
import java.util.function.Function;

/**
 * {@link dev.gradex.model.LanguageModel#backwardRecomputed}: a decoder's training forward and
 * backward with each layer recomputed when its gradient arrives (activation checkpointing) and the
 * LM head and loss differentiated over chunks of supervised rows. Every piece runs in a scope of
 * its own (a sub-manager of the batch's plus a {@link TransientArrays} over the model's), closed
 * when the piece is done, so that only what the next piece needs outlives it.
 */
final class LayerRecompute {
  private LayerRecompute() {}

  /**
   * A forward pass without autograd (inference, evaluation), each layer in a scope of its own, so
   * that only the current layer's input and output are alive at once rather than every intermediate
   * of every layer (which DJL's handles would otherwise keep until the batch's manager closes).
   */
  static ModelOutput forwardWithoutGradients(DecoderStack stack, NDManager batch, NDManager model) {
    NDArray x = scoped(batch, model, null, ignored -> stack.embed());
    for (int i = 0; i < stack.layers(); i++) {
      int layer = i;
      NDArray next = scoped(batch, model, x, in -> stack.layer(layer, in));
      x.close();
      x = next;
    }
    return stack.head(x);
  }

  static double run(
      DecoderStack stack,
      NDManager batch,
      NDManager model,
      NDArray rows,
      RowLoss loss,
      float scale,
      int chunkRows) {
    int n = stack.layers();
    NDArray[] inputs = new NDArray[n + 1];
    // Forward without autograd: only each layer's input is kept.
    boolean gradMode = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    try {
      inputs[0] = scoped(batch, model, null, x -> stack.embed());
      for (int i = 0; i < n; i++) {
        int layer = i;
        inputs[i + 1] = scoped(batch, model, inputs[i], x -> stack.layer(layer, x));
      }
    } finally {
      JniUtils.setGradMode(gradMode);
    }
    JniUtils.setGradMode(true);
    try {
      double[] lossSum = {0};
      NDArray grad =
          scoped(
              batch,
              model,
              inputs[n],
              x -> headGradient(stack, x, rows, loss, scale, chunkRows, lossSum));
      for (int i = n - 1; i >= 0; i--) {
        NDArray g = grad;
        int layer = i;
        grad =
            scoped(
                batch,
                model,
                inputs[i],
                x -> {
                  x.setRequiresGradient(true);
                  backward(stack.layer(layer, x), g);
                  return layer == 0 ? null : x.getGradient().duplicate();
                });
        g.close();
        inputs[i + 1].close();
      }
      inputs[0].close();
      return lossSum[0];
    } finally {
      JniUtils.setGradMode(gradMode);
    }
  }

  /**
   * The gradient of {@code scale * loss} with respect to the last layer's output {@code x}: the
   * final norm and the gather of the supervised rows are differentiated once, the LM head and the
   * loss chunk by chunk into the gathered rows' gradient.
   */
  private static NDArray headGradient(
      DecoderStack stack,
      NDArray x,
      NDArray rows,
      RowLoss loss,
      float scale,
      int chunkRows,
      double[] lossSum) {
    x.setRequiresGradient(true);
    NDArray h = stack.finalNorm(x);
    NDArray gathered = h.reshape(-1, h.getShape().get(2)).get(new NDIndex("{}", rows));
    NDArray leaf = gathered.stopGradient();
    leaf.setRequiresGradient(true);
    long total = rows.getShape().get(0);
    for (long start = 0; start < total; start += chunkRows) {
      NDIndex part = new NDIndex("{}:{}", start, Math.min(total, start + chunkRows));
      try (NDManager chunk = leaf.getManager().newSubManager()) {
        NDArray piece = leaf.get(part);
        piece.attach(chunk);
        NDArray sum = loss.sum(stack.lmHead(piece), part);
        lossSum[0] += sum.getFloat();
        backward(sum, chunk.full(sum.getShape(), scale));
      }
    }
    backward(gathered, leaf.getGradient());
    return x.getGradient().duplicate();
  }

  /**
   * Runs {@code piece} on {@code input} (moved for the while into a sub-manager of {@code batch})
   * and returns its result on {@code batch}; every other array the piece made is closed.
   */
  private static NDArray scoped(
      NDManager batch, NDManager model, NDArray input, Function<NDArray, NDArray> piece) {
    try (TransientArrays weights = new TransientArrays(model);
        NDManager scope = batch.newSubManager()) {
      if (input != null) {
        input.tempAttach(scope);
      }
      NDArray out = piece.apply(input);
      if (out != null) {
        out.attach(batch);
      }
      return out;
    }
  }

  private static void backward(NDArray output, NDArray gradient) {
    JniUtils.backward((PtNDArray) output, (PtNDArray) gradient, false, false);
  }
}
