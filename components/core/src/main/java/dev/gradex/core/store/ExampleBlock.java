package dev.gradex.core.store;

import java.util.Objects;

/**
 * The examples of one task (or of the target validation split) as contiguous arrays, the unit the
 * estimators iterate over. Row {@code i} of the features occupies {@code features[i*dim ..
 * (i+1)*dim)}. Arrays are shared, never copied: callers must not mutate them.
 *
 * @param rows number of examples
 * @param dim projected gradient dimension d
 * @param features row-major {@code rows x dim} projected gradients gtilde(z)
 * @param offsets b(z), the model output at theta* for each example
 * @param tokens number of supervised target tokens of each example (for token weighting)
 */
public record ExampleBlock(int rows, int dim, float[] features, float[] offsets, int[] tokens) {
  public ExampleBlock {
    Objects.requireNonNull(features, "features");
    Objects.requireNonNull(offsets, "offsets");
    Objects.requireNonNull(tokens, "tokens");
    if (rows < 0 || dim <= 0) {
      throw new IllegalArgumentException("rows=" + rows + ", dim=" + dim);
    }
    if (features.length < (long) rows * dim || offsets.length < rows || tokens.length < rows) {
      throw new IllegalArgumentException("arrays shorter than rows=" + rows + " x dim=" + dim);
    }
  }
}
