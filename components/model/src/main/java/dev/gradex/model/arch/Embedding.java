package dev.gradex.model.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

/** A lookup table (rows, dim) indexed by int64 ids of any shape. */
final class Embedding extends HfBlock {
  private final Parameter weight;

  Embedding(WeightRegistry reg, String path, int rows, int dim) {
    super(reg, path);
    this.weight = weight("weight", WeightRegistry.Init.NORMAL, rows, dim);
  }

  @Override
  NDArray apply(ParameterStore ps, NDArray ids, boolean training) {
    NDArray w = value(ps, weight, ids, training);
    return ids.getNDArrayInternal().embedding(ids, w, SparseFormat.DENSE).singletonOrThrow();
  }

  /** The table itself (for tied output projections). */
  NDArray table(ParameterStore ps, NDArray like, boolean training) {
    return value(ps, weight, like, training);
  }
}
