package dev.gradex.model.arch;

import ai.djl.ndarray.NDArray;
import dev.gradex.model.tensor.Scalars;

/** The activations the supported architectures name in config.json. */
final class Activations {
  private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

  private Activations() {}

  /** GPT-2's {@code gelu_new}: the tanh approximation of GELU (Hendrycks and Gimpel, 2016). */
  static NDArray geluTanh(NDArray x) {
    NDArray inner = Scalars.mul(x.add(Scalars.mul(Scalars.pow(x, 3), 0.044715)), SQRT_2_OVER_PI);
    return Scalars.mul(x, 0.5).mul(Scalars.add(inner.tanh(), 1));
  }

  /** Exact GELU with erf, BERT's {@code gelu}. */
  static NDArray geluErf(NDArray x) {
    return Scalars.mul(x, 0.5).mul(Scalars.add(Scalars.div(x, Math.sqrt(2)).erf(), 1));
  }

  /** SiLU / swish, used in Llama's SwiGLU MLP (Shazeer, 2020). */
  static NDArray silu(NDArray x) {
    return x.mul(x.getNDArrayInternal().sigmoid());
  }

  /** Applies a config.json {@code hidden_act} value. */
  static NDArray byName(String name, NDArray x) {
    return switch (name) {
      case "gelu" -> geluErf(x);
      case "gelu_new", "gelu_pytorch_tanh", "gelu_fast" -> geluTanh(x);
      case "relu" -> x.getNDArrayInternal().relu();
      case "silu", "swish" -> silu(x);
      default -> throw new IllegalArgumentException("unsupported hidden_act '" + name + "'");
    };
  }
}
