package dev.gradex.model.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Base of the architecture blocks: a DJL block at a Hugging Face module path whose weights are
 * registered under their Hugging Face names. Blocks are called through {@link #apply} with a single
 * input; the top-level model implements DJL's {@code forward}.
 */
abstract class HfBlock extends AbstractBlock {
  protected final WeightRegistry registry;
  protected final String path;

  HfBlock(WeightRegistry registry, String path) {
    this.registry = registry;
    this.path = path;
  }

  /** The module path, e.g. {@code model.layers.3.mlp}. */
  String path() {
    return path;
  }

  protected String sub(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  protected Parameter weight(String local, WeightRegistry.Init init, long... shape) {
    return addParameter(registry.add(sub(local), new Shape(shape), init));
  }

  protected <B extends HfBlock> B child(B block) {
    String name = block.path().substring(block.path().lastIndexOf('.') + 1);
    return addChildBlock(name, block);
  }

  protected static NDArray value(ParameterStore ps, Parameter p, NDArray like, boolean training) {
    return ps.getValue(p, like.getDevice(), training);
  }

  /** Applies the block to one input. */
  abstract NDArray apply(ParameterStore ps, NDArray x, boolean training);

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(apply(ps, inputs.head(), training));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    throw new UnsupportedOperationException("shapes are fixed by config.json");
  }
}
