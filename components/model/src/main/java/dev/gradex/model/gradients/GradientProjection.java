package dev.gradex.model.gradients;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gradex.core.projection.ParameterBlock;
import dev.gradex.core.projection.RademacherProjector;
import dev.gradex.model.ModelRuntime;
import java.util.ArrayList;
import java.util.List;

/**
 * gtilde = P^T g for a batch of per-example gradients, with the core's seeded {@link
 * RademacherProjector} (Li et al., arXiv 2409.19458, stage 2), so every shard on every machine uses
 * the same P. When P fits the cache budget ({@code 4 p d} bytes) its blocks are generated once into
 * tensors and each batch costs one matrix product per parameter tensor; otherwise each batch goes
 * through the projector's streaming {@code projectBatch}, which never holds more than a chunk of P.
 * Either way no dense p x d matrix is ever built by the projector itself.
 */
public final class GradientProjection implements AutoCloseable {
  private static final int FILL_FLOATS = 1 << 22;

  private final RademacherProjector projector;
  private final NDManager manager;
  private final List<NDArray> blocks;

  /**
   * @param projector the seeded projector over the model's layout
   * @param cacheBudgetBytes largest P to hold as tensors; 0 to always stream
   * @param device where cached blocks live (the model's device)
   */
  public GradientProjection(RademacherProjector projector, long cacheBudgetBytes, Device device) {
    this.projector = projector;
    long bytes = 4L * projector.layout().parameterCount() * projector.dim();
    if (bytes <= cacheBudgetBytes) {
      manager = ModelRuntime.newManager(device);
      blocks = new ArrayList<>();
      for (int b = 0; b < projector.layout().blocks().size(); b++) {
        blocks.add(generate(b));
      }
    } else {
      manager = null;
      blocks = null;
    }
  }

  private NDArray generate(int block) {
    ParameterBlock pb = projector.layout().blocks().get(block);
    int d = projector.dim();
    long rows = pb.numel();
    int chunk = Math.max(1, FILL_FLOATS / d);
    NDList parts = new NDList();
    for (long r = 0; r < rows; r += chunk) {
      int n = (int) Math.min(chunk, rows - r);
      float[] buf = new float[n * d];
      projector.fillRows(block, r, n, buf);
      parts.add(manager.create(buf, new Shape(n, d)));
    }
    if (parts.size() == 1) {
      return parts.get(0);
    }
    NDArray all = NDArrays.concat(parts, 0);
    parts.close();
    return all;
  }

  /** Whether P is held as tensors. */
  public boolean cached() {
    return blocks != null;
  }

  /** The projector. */
  public RademacherProjector projector() {
    return projector;
  }

  /**
   * Projects a batch.
   *
   * @param gradients per layout block, (B, numel)
   * @param batch B
   * @return B x d, row-major
   */
  public float[] project(List<NDArray> gradients, int batch) {
    int d = projector.dim();
    if (blocks != null) {
      NDArray acc = null;
      for (int b = 0; b < gradients.size(); b++) {
        NDArray part = gradients.get(b).matMul(blocks.get(b));
        acc = acc == null ? part : acc.addi(part);
      }
      return acc.toFloatArray();
    }
    float[] out = new float[batch * d];
    for (int b = 0; b < gradients.size(); b++) {
      float[] g = gradients.get(b).toFloatArray();
      projector.projectBatch(b, 0, g.length / batch, g, batch, out);
    }
    return out;
  }

  @Override
  public void close() {
    if (manager != null) {
      manager.close();
    }
  }
}
