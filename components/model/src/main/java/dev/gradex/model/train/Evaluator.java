package dev.gradex.model.train;

import ai.djl.ndarray.NDManager;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.ModelOutput;
import dev.gradex.model.ModelRuntime;
import dev.gradex.model.TransientArrays;
import dev.gradex.model.data.Batch;
import dev.gradex.model.data.Encoded;
import dev.gradex.model.objective.Objectives;
import java.util.List;

/**
 * Mean per-token loss, perplexity and (for classifiers) accuracy of a model on encoded examples;
 * the target validation metric of Li et al., arXiv 2409.19458 (stages 1 and 5).
 */
public final class Evaluator {
  private Evaluator() {}

  /** Evaluates in batches of {@code batchSize}, without gradients or dropout. */
  public static EvalResult evaluate(LanguageModel model, List<Encoded> data, int batchSize) {
    double lossSum = 0;
    long tokens = 0;
    long correct = 0;
    for (int s = 0; s < data.size(); s += batchSize) {
      List<Encoded> part = data.subList(s, Math.min(data.size(), s + batchSize));
      try (TransientArrays scope = new TransientArrays(model.manager());
          NDManager m = ModelRuntime.newManager(model.manager().getDevice())) {
        Batch b = Batch.of(part, m);
        ModelOutput out = model.forward(b.ids(), b.mask(), false);
        lossSum += Objectives.lossSum(out, b).getFloat();
        tokens += b.targetTokens();
        correct += Objectives.correct(out, b);
      }
    }
    boolean classifier = !model.config().isDecoder();
    return new EvalResult(
        data.size(),
        tokens,
        lossSum / Math.max(1, tokens),
        classifier ? (double) correct / Math.max(1, data.size()) : Double.NaN);
  }
}
