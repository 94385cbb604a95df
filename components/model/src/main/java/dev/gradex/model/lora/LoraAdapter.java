package dev.gradex.model.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.gradex.model.tensor.Scalars;
import java.util.Random;

/**
 * The LoRA branch of one linear layer: {@code y = W x + b + (alpha / r) B A dropout(x)} with A (r x
 * in) and B (out x r), B initialised to zero so that a fresh adapter leaves the model unchanged (Hu
 * et al., ICLR 2022; PEFT's initialisation: A kaiming-uniform with a = sqrt(5), i.e. U(-1/sqrt(in),
 * 1/sqrt(in))).
 *
 * <p>For GradEx's per-example gradients (Li et al., arXiv 2409.19458, stage 2), capture mode keeps
 * the layer's input x and adds a zero "probe" tensor that requires a gradient to the layer's
 * output. After one batched backward pass, the probe's gradient is dL/dy for every example and
 * token, and per-example gradients follow as sums of outer products: dL/dB_i = s sum_t dy_t (A
 * x_t)^T and dL/dA_i = s sum_t (B^T dy_t) x_t^T.
 */
public final class LoraAdapter extends AbstractBlock {
  private final String modulePath;
  private final int inFeatures;
  private final int outFeatures;
  private final LoraConfig config;
  private final Parameter loraA;
  private final Parameter loraB;
  private boolean capture;
  private NDArray capturedInput;
  private NDArray capturedLow;
  private NDArray outputProbe;

  /**
   * @param modulePath the wrapped layer's path in the Hugging Face task model, e.g. {@code
   *     model.layers.0.self_attn.q_proj}
   */
  public LoraAdapter(String modulePath, int inFeatures, int outFeatures, LoraConfig config) {
    this.modulePath = modulePath;
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    this.config = config;
    this.loraA =
        addParameter(Parameter.builder().setName("lora_A").setType(Parameter.Type.WEIGHT).build());
    this.loraB =
        addParameter(Parameter.builder().setName("lora_B").setType(Parameter.Type.WEIGHT).build());
  }

  /** Creates A (seeded kaiming-uniform) and B (zeros) on {@code manager}, both trainable. */
  public void initialize(NDManager manager, Random rng) {
    float bound = (float) (1.0 / Math.sqrt(inFeatures));
    float[] a = new float[config.rank() * inFeatures];
    for (int i = 0; i < a.length; i++) {
      a[i] = (rng.nextFloat() * 2 - 1) * bound;
    }
    setValues(manager, a, new float[outFeatures * config.rank()]);
  }

  /** Sets A (r x in) and B (out x r) from row-major values, e.g. from an adapter file. */
  public void setValues(NDManager manager, float[] a, float[] b) {
    if (a.length != config.rank() * inFeatures || b.length != outFeatures * config.rank()) {
      throw new IllegalArgumentException(modulePath + ": LoRA value counts do not match shapes");
    }
    assign(loraA, manager, a, shapeA());
    assign(loraB, manager, b, shapeB());
  }

  private static void assign(Parameter p, NDManager manager, float[] values, Shape shape) {
    if (p.isInitialized()) {
      NDArray arr = p.getArray();
      arr.setRequiresGradient(false);
      dev.gradex.model.tensor.ArrayCopy.into(arr, values);
      arr.setRequiresGradient(true);
    } else {
      NDArray arr = manager.create(values, shape);
      p.setArray(arr);
      arr.setRequiresGradient(true);
    }
  }

  /**
   * Returns {@code base + scaling * B A dropout(x)}, plus the output probe in capture mode. {@code
   * x} is (..., in), {@code base} (..., out).
   */
  public NDArray apply(ParameterStore ps, NDArray x, NDArray base, boolean training) {
    NDArray a = ps.getValue(loraA, x.getDevice(), training);
    NDArray b = ps.getValue(loraB, x.getDevice(), training);
    NDArray in = x;
    if (training && config.dropout() > 0) {
      in = x.getNDArrayInternal().dropout(x, (float) config.dropout(), true).singletonOrThrow();
    }
    NDArray low = in.matMul(a.transpose());
    NDArray y = base.add(Scalars.mul(low.matMul(b.transpose()), config.scaling()));
    if (capture) {
      capturedInput = in;
      capturedLow = low;
      outputProbe = x.getManager().zeros(y.getShape(), y.getDataType());
      outputProbe.setRequiresGradient(true);
      y = y.add(outputProbe);
    }
    return y;
  }

  /**
   * In capture mode each forward pass keeps its (dropout-applied) input and adds a zero output
   * probe that requires a gradient; see the class comment.
   */
  public void setCapture(boolean on) {
    capture = on;
    if (!on) {
      capturedInput = null;
      capturedLow = null;
      outputProbe = null;
    }
  }

  /** Whether capture mode is on. */
  public boolean isCapturing() {
    return capture;
  }

  /** The input x (B, T, in) of the last forward pass in capture mode, else null. */
  public NDArray capturedInput() {
    return capturedInput;
  }

  /** x A^T (B, T, r) of the last forward pass in capture mode, else null. */
  public NDArray capturedLow() {
    return capturedLow;
  }

  /**
   * The output probe (B, T, out) of the last forward pass in capture mode; its gradient is dL/dy.
   */
  public NDArray outputProbe() {
    return outputProbe;
  }

  /** The wrapped layer's module path. */
  public String modulePath() {
    return modulePath;
  }

  /** PEFT's tensor name for A: {@code base_model.model.<module>.lora_A.weight}. */
  public String peftNameA() {
    return "base_model.model." + modulePath + ".lora_A.weight";
  }

  /** PEFT's tensor name for B: {@code base_model.model.<module>.lora_B.weight}. */
  public String peftNameB() {
    return "base_model.model." + modulePath + ".lora_B.weight";
  }

  /** A, shape (r, in). */
  public Parameter loraA() {
    return loraA;
  }

  /** B, shape (out, r). */
  public Parameter loraB() {
    return loraB;
  }

  /** Shape of A. */
  public Shape shapeA() {
    return new Shape(config.rank(), inFeatures);
  }

  /** Shape of B. */
  public Shape shapeB() {
    return new Shape(outFeatures, config.rank());
  }

  /** Input width of the wrapped layer. */
  public int inFeatures() {
    return inFeatures;
  }

  /** Output width of the wrapped layer. */
  public int outFeatures() {
    return outFeatures;
  }

  /** The LoRA settings (rank, alpha, dropout). */
  public LoraConfig config() {
    return config;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(apply(ps, inputs.get(0), inputs.get(1), training));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[1]};
  }
}
