package dev.gradex.model.approx;

import ai.djl.ndarray.NDArray;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.NamedParameter;
import dev.gradex.model.tensor.ArrayCopy;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes the values of a model's trainable tensors, in their stable order. */
final class ParameterValues {
  private ParameterValues() {}

  /** Every trainable tensor's values, row-major. */
  static List<float[]> get(LanguageModel model) {
    List<float[]> out = new ArrayList<>();
    for (NamedParameter p : model.trainableParameters()) {
      out.add(p.parameter().getArray().toFloatArray());
    }
    return out;
  }

  /** Overwrites every trainable tensor in place (autograd off while writing). */
  static void set(LanguageModel model, List<float[]> values) {
    List<NamedParameter> params = model.trainableParameters();
    for (int i = 0; i < params.size(); i++) {
      NDArray a = params.get(i).parameter().getArray();
      a.setRequiresGradient(false);
      ArrayCopy.into(a, values.get(i));
      a.setRequiresGradient(true);
    }
  }

  /** The Euclidean norm over every tensor. */
  static double norm(List<float[]> values) {
    double sq = 0;
    for (float[] v : values) {
      for (float x : v) {
        sq += (double) x * x;
      }
    }
    return Math.sqrt(sq);
  }
}
