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
import dev.gradex.model.tensor.Scalars;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

  /** For {@code model} with LoRA applied. */
  public PerExampleGradients(LanguageModel model) {
    if (model.loraConfig() == null) {
      throw new IllegalStateException("apply or load a LoRA adapter first");
    }
    this.model = model;
    this.params = model.trainableParameters();
    Set<String> covered = new HashSet<>();
    for (LoraAdapter a : model.loraLayers()) {
      covered.add(a.peftNameA());
      covered.add(a.peftNameB());
    }
    for (ProbedLinear l : model.savedLinears()) {
      covered.add(l.weightName());
      covered.add(l.biasName());
    }
    for (NamedParameter p : params) {
      if (!covered.contains(p.name())) {
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
      Map<String, NDArray> byName = new HashMap<>();
      for (LoraAdapter a : model.loraLayers()) {
        NDArray[] g = loraGradients(a);
        byName.put(a.peftNameA(), g[0]);
        byName.put(a.peftNameB(), g[1]);
      }
      for (ProbedLinear l : model.savedLinears()) {
        byName.put(l.weightName(), linearWeightGradient(l));
        if (l.biasName() != null) {
          byName.put(l.biasName(), dy(l.outputProbe()).sum(new int[] {1}));
        }
      }
      int b = batch.size();
      List<NDArray> grads = new ArrayList<>(params.size());
      for (NamedParameter p : params) {
        grads.add(byName.get(p.name()).reshape(b, -1));
      }
      return new Result(outputs.stopGradient(), grads);
    } finally {
      for (NamedParameter p : params) {
        p.parameter().getArray().setRequiresGradient(true);
      }
      setCapture(false);
    }
  }

  /** {dL/dA, dL/dB} per example: s (dy B)^T x, (B, r, in), and s dy^T (x A^T), (B, out, r). */
  private static NDArray[] loraGradients(LoraAdapter a) {
    NDArray dy = dy(a.outputProbe());
    NDArray x = threeD(a.capturedInput());
    float s = (float) a.config().scaling();
    // s is applied to the (B, T, r) factors, the smallest tensors in the products.
    NDArray xa =
        Scalars.mul(threeD(a.capturedLow()), s); // s x A^T, (B, T, r), kept from the forward pass
    NDArray gradB = dy.transpose(0, 2, 1).matMul(xa);
    NDArray gradA = Scalars.mul(dy.matMul(a.loraB().getArray()), s).transpose(0, 2, 1).matMul(x);
    return new NDArray[] {gradA, gradB};
  }

  private static NDArray linearWeightGradient(ProbedLinear l) {
    NDArray x = threeD(l.capturedInput());
    NDArray dy = dy(l.outputProbe());
    return l.conv1d()
        ? x.transpose(0, 2, 1).matMul(dy) // (B, in, out)
        : dy.transpose(0, 2, 1).matMul(x); // (B, out, in)
  }

  /** The probe's gradient as (B, T, out). */
  private static NDArray dy(NDArray probe) {
    return threeD(probe.getGradient());
  }

  /** A (B, F) tensor (one position per example, e.g. a classifier head) as (B, 1, F). */
  private static NDArray threeD(NDArray a) {
    return a.getShape().dimension() == 2 ? a.expandDims(1) : a;
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
