package dev.gradex.model.approx;

import java.util.ArrayList;
import java.util.List;

/**
 * A direction delta in a model's trainable (LoRA) parameters: one row-major array per trainable
 * tensor, in the order of {@link dev.gradex.model.LanguageModel#trainableParameters()}. Only its
 * direction matters to {@link OutputLinearisation}, which rescales it to each relative distance.
 *
 * @param name what the direction is, as the rows report it (e.g. {@value Directions#FINE_TUNED})
 * @param values one array per trainable tensor
 */
public record Direction(String name, List<float[]> values) {
  public Direction {
    List<float[]> copy = new ArrayList<>(values.size());
    for (float[] v : values) {
      copy.add(v.clone());
    }
    values = List.copyOf(copy);
  }

  /** The Euclidean norm over every tensor. */
  public double norm() {
    return ParameterValues.norm(values);
  }
}
