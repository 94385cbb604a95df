package dev.gradex.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.gradex.model.ModelRuntime;
import dev.gradex.model.NamedParameter;
import java.util.ArrayList;
import java.util.List;

/**
 * AdamW (Loshchilov and Hutter, "Decoupled Weight Decay Regularization", ICLR 2019) over a model's
 * trainable tensors, with global-norm gradient clipping. Moment tensors live on the optimizer's own
 * manager; {@link #state()} and {@link #restore} expose them for checkpoints.
 */
public final class AdamW implements AutoCloseable {
  private final List<NamedParameter> params;
  private final double beta1;
  private final double beta2;
  private final double eps;
  private final double weightDecay;
  private final NDManager manager;
  private final List<NDArray> m = new ArrayList<>();
  private final List<NDArray> v = new ArrayList<>();
  private long step;
  private long skipped;

  public AdamW(List<NamedParameter> params, double weightDecay) {
    this(params, 0.9, 0.999, 1e-8, weightDecay);
  }

  public AdamW(
      List<NamedParameter> params, double beta1, double beta2, double eps, double weightDecay) {
    this.params = List.copyOf(params);
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.weightDecay = weightDecay;
    this.manager = ModelRuntime.newManager(params.get(0).parameter().getArray().getDevice());
    for (NamedParameter p : this.params) {
      m.add(manager.zeros(p.shape()));
      v.add(manager.zeros(p.shape()));
    }
  }

  /**
   * Applies one update with the parameters' accumulated gradients, which it then zeroes.
   *
   * @param lr the learning rate of this step
   * @param clip maximum global gradient norm; <= 0 for none
   * @return the global gradient norm before clipping
   */
  public double step(double lr, double clip) {
    List<NDArray> grads = new ArrayList<>(params.size());
    double sq = 0;
    for (NamedParameter p : params) {
      NDArray g = p.parameter().getArray().getGradient();
      grads.add(g);
      sq += g.square().sum().getFloat();
    }
    double norm = Math.sqrt(sq);
    if (!Double.isFinite(norm)) {
      // A non-finite gradient would poison the moments for good: skip the update and reset the
      // gradients to exact zeros (g - g is NaN for NaN entries, so write zeros instead).
      for (NDArray g : grads) {
        dev.gradex.model.tensor.ArrayCopy.zero(g);
        g.close();
      }
      skipped++;
      return norm;
    }
    float gscale = clip > 0 && norm > clip ? (float) (clip / norm) : 1f;
    step++;
    float c1 = (float) (1 - Math.pow(beta1, step));
    float c2 = (float) (1 - Math.pow(beta2, step));
    for (int i = 0; i < params.size(); i++) {
      NDArray w = params.get(i).parameter().getArray();
      NDArray g = grads.get(i).mul(gscale);
      m.get(i).muli((float) beta1).addi(g.mul((float) (1 - beta1)));
      v.get(i).muli((float) beta2).addi(g.square().mul((float) (1 - beta2)));
      NDArray update = m.get(i).div(c1).div(v.get(i).div(c2).sqrt().add((float) eps));
      w.setRequiresGradient(false);
      if (weightDecay > 0) {
        w.muli((float) (1 - lr * weightDecay));
      }
      w.subi(update.mul((float) lr));
      w.setRequiresGradient(true);
      grads.get(i).subi(grads.get(i));
      grads.get(i).close();
      g.close();
      update.close();
    }
    return norm;
  }

  /** Steps skipped because the gradient was not finite (see {@link #step}). */
  public long skippedSteps() {
    return skipped;
  }

  /** Zeroes the parameters' gradients without updating (e.g. before the first micro-batch). */
  public void zeroGradients() {
    for (NamedParameter p : params) {
      NDArray g = p.parameter().getArray().getGradient();
      g.subi(g);
      g.close();
    }
  }

  /** Updates applied (skipped steps excluded): the t of the bias correction 1 - beta^t. */
  public long steps() {
    return step;
  }

  /** First and second moments, per parameter, as row-major floats. */
  public List<float[][]> state() {
    List<float[][]> out = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      out.add(new float[][] {m.get(i).toFloatArray(), v.get(i).toFloatArray()});
    }
    return out;
  }

  /**
   * Restores moments saved by {@link #state()}, the updates taken ({@link #steps()}, which sets the
   * bias correction) and the steps skipped ({@link #skippedSteps()}).
   */
  public void restore(List<float[][]> state, long steps, long skippedSteps) {
    for (int i = 0; i < params.size(); i++) {
      dev.gradex.model.tensor.ArrayCopy.into(m.get(i), state.get(i)[0]);
      dev.gradex.model.tensor.ArrayCopy.into(v.get(i), state.get(i)[1]);
    }
    this.step = steps;
    this.skipped = skippedSteps;
  }

  @Override
  public void close() {
    manager.close();
  }
}
