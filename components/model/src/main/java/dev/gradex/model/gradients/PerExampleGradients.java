package dev.gradex.model.gradients;

import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.ModelOutput;
import dev.gradex.model.ModelRuntime;
import dev.gradex.model.NamedParameter;
import dev.gradex.model.ProbedLinear;
import dev.gradex.model.data.Batch;
import dev.gradex.model.lora.LoraAdapter;
import dev.gradex.model.objective.Objectives;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Per-example outputs o(z) and gradients g(z) = do(z)/dtheta over the trainable parameters, from
 * one batched forward and one backward pass (Li, Zhang, Wang, Zhang, arXiv 2409.19458, stage 2).
 *
 * <p>Each LoRA layer {@code y = x W^T + s (x A^T) B^T} runs in capture mode: it keeps x and adds a
 * zero probe to y. Since o(z_i) depends only on example i, one backward of {@code sum_i o(z_i)}
 * leaves dO_i/dy in the probe's gradient for every example, and per-example gradients are batched
 * sums over tokens of outer products: {@code dB_i = s dy_i^T (x_i A^T)}, {@code dA_i = s (dy_i B)^T
 * x_i}. Linear {@code modules_to_save} heads work the same way ({@code dW_i = dy_i^T x_i}, {@code
 * db_i = sum_t dy_i}). The research code instead loops with batch size 1.
 */
public final class PerExampleGradients {
  private final LanguageModel model;
  private final List<NamedParameter> params;
  private final Map<String, Function<Integer, NDArray>> sources = new HashMap<>();

  /** For {@code model} with LoRA applied. */
  public PerExampleGradients(LanguageModel model) {
    if (model.loraConfig() == null) {
      throw new IllegalStateException("apply or load a LoRA adapter first");
    }
    this.model = model;
    this.params = model.trainableParameters();
    for (LoraAdapter a : model.loraLayers()) {
      sources.put(a.peftNameA(), b -> loraGradients(a)[0]);
      sources.put(a.peftNameB(), b -> loraGradients(a)[1]);
    }
    for (ProbedLinear l : model.savedLinears()) {
      sources.put(l.weightName(), b -> linearWeightGradient(l));
      if (l.biasName() != null) {
        sources.put(l.biasName(), b -> dy(l.outputProbe(), l.capturedInput()).sum(new int[] {1}));
      }
    }
    for (NamedParameter p : params) {
      if (!sources.containsKey(p.name())) {
        throw new UnsupportedOperationException(
            "per-example gradients of " + p.name() + " are not supported (LoRA and linear heads)");
      }
    }
  }

  /**
   * Outputs and gradients of one batch.
   *
   * @param outputs o(z_i), (B)
   * @param gradients per trainable parameter in layout order, (B, numel), on the batch's manager
   */
  public record Result(NDArray outputs, List<NDArray> gradients) {}

  /** Runs the batched forward and backward pass and forms every example's gradient. */
  public Result compute(Batch batch) {
    setCapture(true);
    for (NamedParameter p : params) {
      p.parameter().getArray().setRequiresGradient(false);
    }
    try {
      NDArray outputs;
      try (GradientCollector gc = ModelRuntime.engine().newGradientCollector()) {
        ModelOutput out = model.forward(batch.ids(), batch.mask(), false);
        outputs = Objectives.exampleOutputs(out, batch);
        gc.backward(outputs.sum());
      }
      int b = batch.size();
      List<NDArray> grads = new ArrayList<>(params.size());
      Map<LoraAdapter, NDArray[]> cache = new HashMap<>();
      loraCache = cache;
      for (NamedParameter p : params) {
        grads.add(sources.get(p.name()).apply(b).reshape(b, -1));
      }
      return new Result(outputs.stopGradient(), grads);
    } finally {
      loraCache = null;
      for (NamedParameter p : params) {
        p.parameter().getArray().setRequiresGradient(true);
      }
      setCapture(false);
    }
  }

  private Map<LoraAdapter, NDArray[]> loraCache;

  private NDArray[] loraGradients(LoraAdapter a) {
    return loraCache.computeIfAbsent(a, PerExampleGradients::formLora);
  }

  private static NDArray[] formLora(LoraAdapter a) {
    NDArray x = a.capturedInput();
    NDArray dy = dy(a.outputProbe(), x);
    x = x.getShape().dimension() == 2 ? x.expandDims(1) : x;
    float s = (float) a.config().scaling();
    NDArray loraA = a.loraA().getArray();
    NDArray loraB = a.loraB().getArray();
    NDArray xa = x.matMul(loraA.transpose()); // (B, T, r)
    NDArray gradB = dy.transpose(0, 2, 1).matMul(xa).mul(s); // (B, out, r)
    NDArray gradA = dy.matMul(loraB).transpose(0, 2, 1).matMul(x).mul(s); // (B, r, in)
    return new NDArray[] {gradA, gradB};
  }

  private static NDArray linearWeightGradient(ProbedLinear l) {
    NDArray x = l.capturedInput();
    NDArray dy = dy(l.outputProbe(), x);
    x = x.getShape().dimension() == 2 ? x.expandDims(1) : x;
    return l.conv1d()
        ? x.transpose(0, 2, 1).matMul(dy) // (B, in, out)
        : dy.transpose(0, 2, 1).matMul(x); // (B, out, in)
  }

  /** The probe's gradient as (B, T, out), a 2-D (B, out) probe as T = 1. */
  private static NDArray dy(NDArray probe, NDArray x) {
    NDArray g = probe.getGradient();
    return g.getShape().dimension() == 2 ? g.expandDims(1) : g;
  }

  private void setCapture(boolean on) {
    for (LoraAdapter a : model.loraLayers()) {
      a.setCapture(on);
    }
    for (ProbedLinear l : model.savedLinears()) {
      l.setCapture(on);
    }
  }
}
