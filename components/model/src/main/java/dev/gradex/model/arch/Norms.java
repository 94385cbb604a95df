package dev.gradex.model.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.gradex.model.tensor.Scalars;

/** Layer normalisation (Ba et al., 2016) and RMS normalisation (Zhang and Sennrich, 2019). */
final class Norms {
  private Norms() {}

  /** LayerNorm over the last axis with weight and bias. */
  static final class LayerNorm extends HfBlock {
    private final Parameter weight;
    private final Parameter bias;
    private final float eps;

    LayerNorm(WeightRegistry reg, String path, int dim, double eps) {
      super(reg, path);
      this.weight = weight("weight", WeightRegistry.Init.ONES, dim);
      this.bias = weight("bias", WeightRegistry.Init.ZEROS, dim);
      this.eps = (float) eps;
    }

    @Override
    NDArray apply(ParameterStore ps, NDArray x, boolean training) {
      NDArray mean = x.mean(new int[] {-1}, true);
      NDArray centred = x.sub(mean);
      NDArray var = centred.square().mean(new int[] {-1}, true);
      NDArray normed = centred.div(Scalars.add(var, eps).sqrt());
      return normed.mul(value(ps, weight, x, training)).add(value(ps, bias, x, training));
    }
  }

  /** RMSNorm as in Llama: {@code x / sqrt(mean(x^2) + eps) * weight}. */
  static final class RmsNorm extends HfBlock {
    private final Parameter weight;
    private final float eps;

    RmsNorm(WeightRegistry reg, String path, int dim, double eps) {
      super(reg, path);
      this.weight = weight("weight", WeightRegistry.Init.ONES, dim);
      this.eps = (float) eps;
    }

    @Override
    NDArray apply(ParameterStore ps, NDArray x, boolean training) {
      NDArray ms = x.square().mean(new int[] {-1}, true);
      return x.div(Scalars.add(ms, eps).sqrt()).mul(value(ps, weight, x, training));
    }
  }
}
