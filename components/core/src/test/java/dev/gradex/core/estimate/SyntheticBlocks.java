package dev.gradex.core.estimate;

import dev.gradex.core.store.ExampleBlock;
import dev.gradex.core.store.ExampleBlocks;
import dev.gradex.core.store.HeapExampleBlocks;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded synthetic stores: Gaussian features with task-specific means, offsets ~ N(-0.5, 0.5). */
final class SyntheticBlocks {
  private SyntheticBlocks() {}

  /**
   * @param featureScale standard deviation of the features (and scale of the task means)
   * @param withTarget whether an extra last task is the target's own training data
   */
  static ExampleBlocks create(
      long seed,
      int dim,
      int tasks,
      int rowsPerTask,
      int validationRows,
      double featureScale,
      boolean withTarget) {
    Random random = new Random(seed);
    List<String> names = new ArrayList<>();
    List<ExampleBlock> blocks = new ArrayList<>();
    int total = withTarget ? tasks + 1 : tasks;
    for (int t = 0; t < total; t++) {
      names.add(t == tasks ? "target" : "task-" + t);
      blocks.add(block(random, dim, rowsPerTask, featureScale));
    }
    ExampleBlock validation = block(random, dim, validationRows, featureScale);
    return new HeapExampleBlocks(names, blocks, validation, withTarget ? tasks : -1);
  }

  /** The standard small problem of the unit tests: d = 20, 10 tasks x 30 rows, plus a target. */
  static ExampleBlocks small(long seed) {
    return create(seed, 20, 10, 30, 40, 0.3, true);
  }

  static ExampleBlock block(Random random, int dim, int rows, double scale) {
    double[] mean = new double[dim];
    for (int j = 0; j < dim; j++) {
      mean[j] = scale * random.nextGaussian();
    }
    float[] features = new float[rows * dim];
    float[] offsets = new float[rows];
    int[] tokens = new int[rows];
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < dim; j++) {
        features[r * dim + j] = (float) (mean[j] + scale * random.nextGaussian());
      }
      offsets[r] = (float) (-0.5 + 0.5 * random.nextGaussian());
      tokens[r] = 1 + random.nextInt(20);
    }
    return new ExampleBlock(rows, dim, features, offsets, tokens);
  }
}
