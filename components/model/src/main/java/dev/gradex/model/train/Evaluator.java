package dev.gradex.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.ModelOutput;
import dev.gradex.model.ModelRuntime;
import dev.gradex.model.NativeExitGuard;
import dev.gradex.model.TransientArrays;
import dev.gradex.model.data.Batch;
import dev.gradex.model.data.Encoded;
import dev.gradex.model.objective.Objectives;
import java.util.List;

/**
 * Mean per-token loss, perplexity and (for classifiers) accuracy and macro-F1 ({@link Confusion})
 * of a model on encoded examples; the target validation metric of Li et al., arXiv 2409.19458
 * (stages 1 and 5). Also the mean over examples of log(1 + exp(-o(z))), o(z) the example output of
 * {@link Objectives#exampleOutputs}: the true loss f(S) in the units of the first-order estimate
 * fhat(S) (docs/method.md#fidelity).
 */
public final class Evaluator {
  /**
   * Logits projected at a time in evaluation, 2^24 floats (64 MB): bounds the (rows, V) tensors of
   * a batch (issue 17) while keeping each large enough that the C allocator maps it on its own and
   * returns it on free (glibc's largest mmap threshold is 32 MB; smaller blocks stay in its heaps).
   */
  static final long CHUNK_ELEMENTS = 1L << 24;

  private Evaluator() {}

  /** Evaluates in batches of {@code batchSize}, without gradients or dropout. */
  public static EvalResult evaluate(LanguageModel model, List<Encoded> data, int batchSize) {
    double lossSum = 0;
    long tokens = 0;
    boolean classifier = !model.config().isDecoder();
    Confusion confusion = null;
    double outputLossSum = 0;
    int chunkRows =
        classifier
            ? Integer.MAX_VALUE
            : (int) Math.max(1, CHUNK_ELEMENTS / model.config().vocabSize());
    for (int s = 0; s < data.size(); s += batchSize) {
      List<Encoded> part = data.subList(s, Math.min(data.size(), s + batchSize));
      try (NativeExitGuard.Section batch = NativeExitGuard.enter();
          TransientArrays scope = new TransientArrays(model.manager());
          NDManager m = ModelRuntime.newManager(model.manager().getDevice())) {
        Batch b = Batch.of(part, m);
        ModelOutput out = model.forward(b.ids(), b.mask(), false);
        Objectives.Evaluation e = Objectives.evaluate(out, b, chunkRows);
        lossSum += e.lossSum();
        tokens += b.targetTokens();
        if (classifier) {
          confusion = count(confusion, out, b);
        }
        for (float o : e.outputs()) {
          outputLossSum += logisticLoss(o);
        }
      }
    }
    return new EvalResult(
        data.size(),
        tokens,
        lossSum / Math.max(1, tokens),
        confusion == null ? Double.NaN : confusion.accuracy(),
        data.isEmpty() ? Double.NaN : outputLossSum / data.size(),
        confusion == null ? Double.NaN : confusion.macroF1());
  }

  /**
   * Adds a classifier batch's argmax predictions against its labels to {@code confusion} (created
   * on the first batch, over the head's labels), from the same logits as the loss.
   */
  private static Confusion count(Confusion confusion, ModelOutput out, Batch b) {
    NDArray logits = out.logits();
    Confusion c = confusion == null ? new Confusion((int) logits.getShape().get(1)) : confusion;
    long[] predicted = logits.argMax(1).toType(DataType.INT64, false).toLongArray();
    long[] gold = b.rowTargets().toLongArray();
    for (int i = 0; i < predicted.length; i++) {
      c.add((int) gold[i], (int) predicted[i]);
    }
    return c;
  }

  /** log(1 + exp(-o)), computed without overflow. */
  static double logisticLoss(double o) {
    return Math.max(-o, 0) + Math.log1p(Math.exp(-Math.abs(o)));
  }
}
