package dev.gradex.core.projection;

import dev.gradex.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The projection gtilde = P^T g of Li, Zhang, Wang and Zhang, "Scalable Fine-tuning from Multiple
 * Data Sources: A First-Order Approximation Approach" (EMNLP Findings 2024, arXiv 2409.19458),
 * stage 2: P in R^{p x d} with i.i.d. Rademacher entries +-1/sqrt(d), so that E[P P^T] = I and
 * inner products are preserved in expectation (Johnson-Lindenstrauss).
 *
 * <p>P is never stored. Entry (row j of block b, column k) is bit {@code k mod 128} of the
 * Philox4x32-10 output for key = seed and counter = (k / 128 | (j >>> 32) << 16, j, low and high
 * words of FNV-1a-64(name of b)); a set bit means -1/sqrt(d). Keying rows by the block's name, not
 * its position, keeps a block's rows unchanged when other parameters are added or reordered. Every
 * method is a pure function of (seed, dim, layout), so any chunking, order or thread yields the
 * same P. Instances are immutable and thread-safe.
 */
public final class RademacherProjector {
  /** The value of {@link #kind()}, recorded in store manifests. */
  public static final String KIND = "rademacher-philox4x32-10";

  /** The column-chunk index must fit in 16 bits of the first counter word. */
  static final int MAX_DIM = 128 << 16;

  private static final int CHUNK_FLOATS = 1 << 18;

  private final long seed;
  private final int dim;
  private final ParameterLayout layout;
  private final long[] blockKeys;
  private final long[] blockStarts;

  /**
   * @param seed the generator key
   * @param dim projected dimension d, in [1, 8388608]
   * @param layout the trainable parameters, in the order gradients are flattened
   */
  public RademacherProjector(long seed, int dim, ParameterLayout layout) {
    if (dim <= 0 || dim > MAX_DIM) {
      throw new InvalidInputException("dim", "must be in [1, " + MAX_DIM + "], got " + dim);
    }
    if (layout == null) {
      throw new InvalidInputException("parameterLayout", "is required");
    }
    this.seed = seed;
    this.dim = dim;
    this.layout = layout;
    List<ParameterBlock> blocks = layout.blocks();
    this.blockKeys = new long[blocks.size()];
    this.blockStarts = new long[blocks.size() + 1];
    Map<Long, String> seen = new HashMap<>();
    for (int b = 0; b < blocks.size(); b++) {
      String name = blocks.get(b).name();
      blockKeys[b] = blockKey(name);
      String other = seen.put(blockKeys[b], name);
      if (other != null) {
        throw new InvalidInputException(
            "parameterLayout: " + name, "block key collides with block " + other + "; rename one");
      }
      blockStarts[b + 1] = blockStarts[b] + blocks.get(b).numel();
    }
  }

  /** 64-bit FNV-1a of the UTF-8 name: the stable per-block part of the Philox counter. */
  static long blockKey(String name) {
    long h = 0xcbf29ce484222325L;
    for (byte x : name.getBytes(StandardCharsets.UTF_8)) {
      h ^= x & 0xFF;
      h *= 0x100000001b3L;
    }
    return h;
  }

  public int dim() {
    return dim;
  }

  public long seed() {
    return seed;
  }

  public ParameterLayout layout() {
    return layout;
  }

  /** Identifies the generator and its parametrisation, e.g. for manifests. */
  public String kind() {
    return KIND;
  }

  /**
   * Writes rows {@code firstRow .. firstRow+rowCount-1} of block {@code block} of P into {@code
   * out} ({@code rowCount x dim}, row-major), with values +-1/sqrt(d).
   */
  public void fillRows(int block, long firstRow, int rowCount, float[] out) {
    checkRows(block, firstRow, rowCount);
    if (out.length < (long) rowCount * dim) {
      throw new IllegalArgumentException("out shorter than rowCount x dim");
    }
    fillSigns(blockKeys[block], firstRow, rowCount, out);
    float scale = (float) (1.0 / Math.sqrt(dim));
    for (int i = 0; i < rowCount * dim; i++) {
      out[i] *= scale;
    }
  }

  /**
   * Projects one gradient flattened over the whole layout.
   *
   * @param g length {@link ParameterLayout#parameterCount()}, blocks in layout order
   * @return P^T g, of length d (accumulated in double)
   */
  public float[] project(float[] g) {
    if (g.length != blockStarts[blockStarts.length - 1]) {
      throw new IllegalArgumentException(
          "gradient length " + g.length + " != parameter count " + blockStarts[blockKeys.length]);
    }
    double[] acc = new double[dim];
    for (int b = 0; b < blockKeys.length; b++) {
      int rows = (int) (blockStarts[b + 1] - blockStarts[b]);
      accumulate(blockKeys[b], 0, rows, g, (int) blockStarts[b], 0, 1, acc);
    }
    float[] out = new float[dim];
    addScaled(acc, out);
    return out;
  }

  /**
   * Accumulates the projection of a slice of one block for a batch of examples: for each example e,
   * {@code out[e*dim .. (e+1)*dim) += P[rows]^T grads[e*rowCount .. (e+1)*rowCount)}. The P chunk
   * is generated once and reused across the batch.
   *
   * @param block block index in the layout
   * @param firstRow first parameter (row) of the block covered by {@code grads}
   * @param rowCount number of parameters covered
   * @param grads {@code batch x rowCount}, row-major
   * @param batch number of examples
   * @param out {@code batch x dim}, row-major; added to, not overwritten
   */
  public void projectBatch(
      int block, long firstRow, int rowCount, float[] grads, int batch, float[] out) {
    checkRows(block, firstRow, rowCount);
    if (batch < 0 || grads.length < (long) batch * rowCount || out.length < (long) batch * dim) {
      throw new IllegalArgumentException(
          "need grads >= batch x rowCount and out >= batch x dim, batch=" + batch);
    }
    double[] acc = new double[batch * dim];
    accumulate(blockKeys[block], firstRow, rowCount, grads, 0, rowCount, batch, acc);
    addScaled(acc, out);
  }

  private void addScaled(double[] acc, float[] out) {
    double scale = 1.0 / Math.sqrt(dim);
    for (int i = 0; i < acc.length; i++) {
      out[i] += (float) (acc[i] * scale);
    }
  }

  /** acc[e*dim + k] += sum_r grads[gOff + e*stride + r] * sign(r, k), over the row slice. */
  private void accumulate(
      long key,
      long firstRow,
      int rowCount,
      float[] g,
      int gOff,
      int stride,
      int batch,
      double[] acc) {
    int chunkRows = Math.max(1, Math.min(rowCount, CHUNK_FLOATS / dim));
    float[] signs = new float[chunkRows * dim];
    for (int start = 0; start < rowCount; start += chunkRows) {
      int n = Math.min(chunkRows, rowCount - start);
      fillSigns(key, firstRow + start, n, signs);
      for (int e = 0; e < batch; e++) {
        int base = gOff + e * stride + start;
        int accBase = e * dim;
        for (int r = 0; r < n; r++) {
          float gv = g[base + r];
          if (gv == 0f) {
            continue; // LoRA B starts at zero; skipping is exact and common
          }
          int rowOff = r * dim;
          for (int k = 0; k < dim; k++) {
            acc[accBase + k] += gv * signs[rowOff + k];
          }
        }
      }
    }
  }

  /** Writes unscaled +-1 entries of {@code rowCount} rows starting at {@code firstRow}. */
  private void fillSigns(long key, long firstRow, int rowCount, float[] out) {
    int[] words = new int[4];
    int k0 = (int) seed;
    int k1 = (int) (seed >>> 32);
    int c2 = (int) key;
    int c3 = (int) (key >>> 32);
    for (int r = 0; r < rowCount; r++) {
      long row = firstRow + r;
      int rowHigh = (int) (row >>> 32) << 16;
      int rowOff = r * dim;
      for (int col0 = 0; col0 < dim; col0 += 128) {
        Philox4x32.block((col0 >>> 7) | rowHigh, (int) row, c2, c3, k0, k1, words);
        int end = Math.min(dim, col0 + 128);
        for (int k = col0; k < end; k++) {
          int bit = (words[(k - col0) >>> 5] >>> (k & 31)) & 1;
          out[rowOff + k] = 1 - 2 * bit;
        }
      }
    }
  }

  private void checkRows(int block, long firstRow, int rowCount) {
    if (block < 0 || block >= blockKeys.length) {
      throw new IndexOutOfBoundsException("block " + block + " of " + blockKeys.length);
    }
    long numel = blockStarts[block + 1] - blockStarts[block];
    if (firstRow < 0 || rowCount < 0 || firstRow + rowCount > numel) {
      throw new IndexOutOfBoundsException(
          "rows [" + firstRow + ", " + (firstRow + rowCount) + ") of block with " + numel);
    }
  }
}
