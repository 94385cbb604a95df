package dev.gradex.model.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.gradex.model.lora.LoraAdapter;
import dev.gradex.model.lora.LoraConfig;
import java.util.Random;

/**
 * A linear layer {@code y = x W^T + b} (PyTorch layout, weight (out, in)) or, for GPT-2's Conv1D,
 * {@code y = x W + b} (weight (in, out)); optionally with a {@link LoraAdapter}.
 */
final class Linear extends HfBlock implements dev.gradex.model.ProbedLinear {
  private final int in;
  private final int out;
  private final boolean conv1d;
  private final Parameter weight;
  private final Parameter bias;
  private LoraAdapter lora;
  private boolean capture;
  private NDArray capturedInput;
  private NDArray outputProbe;

  Linear(WeightRegistry reg, String path, int in, int out, boolean bias, boolean conv1d) {
    super(reg, path);
    this.in = in;
    this.out = out;
    this.conv1d = conv1d;
    this.weight =
        conv1d
            ? weight("weight", WeightRegistry.Init.NORMAL, in, out)
            : weight("weight", WeightRegistry.Init.NORMAL, out, in);
    this.bias = bias ? weight("bias", WeightRegistry.Init.ZEROS, out) : null;
  }

  @Override
  NDArray apply(ParameterStore ps, NDArray x, boolean training) {
    NDArray w = value(ps, weight, x, training);
    NDArray y = conv1d ? x.matMul(w) : x.matMul(w.transpose());
    if (bias != null) {
      y = y.add(value(ps, bias, x, training));
    }
    if (capture) {
      capturedInput = x;
      outputProbe = x.getManager().zeros(y.getShape(), y.getDataType());
      outputProbe.setRequiresGradient(true);
      y = y.add(outputProbe);
    }
    return lora == null ? y : lora.apply(ps, x, y, training);
  }

  /** Adds a LoRA adapter; A random from {@code rng}, B zero. */
  LoraAdapter attachLora(LoraConfig config, NDManager manager, Random rng) {
    if (lora != null) {
      throw new IllegalStateException(path + " already has a LoRA adapter");
    }
    lora = addChildBlock("lora", new LoraAdapter(path, in, out, config));
    lora.initialize(manager, rng);
    return lora;
  }

  @Override
  public String weightName() {
    return "base_model.model." + path + ".weight";
  }

  @Override
  public String biasName() {
    return bias == null ? null : "base_model.model." + path + ".bias";
  }

  @Override
  public boolean conv1d() {
    return conv1d;
  }

  @Override
  public void setCapture(boolean on) {
    capture = on;
    if (!on) {
      capturedInput = null;
      outputProbe = null;
    }
  }

  @Override
  public NDArray capturedInput() {
    return capturedInput;
  }

  @Override
  public NDArray outputProbe() {
    return outputProbe;
  }

  LoraAdapter lora() {
    return lora;
  }
}
