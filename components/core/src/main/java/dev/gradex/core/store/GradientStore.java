package dev.gradex.core.store;

import dev.gradex.core.InvalidInputException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A validated, read-only gradient store: the per-example output of stage 2 of Li, Zhang, Wang and
 * Zhang, "Scalable Fine-tuning from Multiple Data Sources: A First-Order Approximation Approach"
 * (EMNLP Findings 2024, arXiv 2409.19458), from which stage 3 estimates fine-tuned losses on CPU.
 *
 * <h2>Format, version 1</h2>
 *
 * A directory holding, for each split {@code s} in {@code train} and {@code validation}, with N_s
 * examples, all little-endian:
 *
 * <ul>
 *   <li>{@code s.features.f32}: N_s x d float32, row-major, the projected gradients gtilde(z);
 *   <li>{@code s.offsets.f32}: N_s float32, the offsets b(z) = o_{theta*}(z);
 *   <li>{@code s.tasks.i32}: N_s int32 indices into the manifest's {@code tasks} ({@code -1}
 *       allowed in validation: no task);
 *   <li>{@code s.tokens.i32}: N_s int32 supervised target-token counts;
 *   <li>{@code s.ids.txt}: N_s lines of UTF-8 example ids, each ending in LF;
 * </ul>
 *
 * and {@code manifest.json} ({@link StoreManifest}), written last: a directory without it is not a
 * store. Every value must be finite; every task of a complete (non-shard) store has at least one
 * training example.
 *
 * <p>{@link #open(Path)} checks all of this and refuses, naming the file or field at fault.
 * Features are memory-mapped; offsets, task indices and token counts are held on the heap; ids are
 * read on first use.
 */
public final class GradientStore implements AutoCloseable {
  private final Path directory;
  private final StoreManifest manifest;
  private final List<String> taskNames;
  private final int targetTask;
  private final Map<Split, SplitData> splits = new EnumMap<>(Split.class);

  private GradientStore(Path directory, StoreManifest manifest) {
    this.directory = directory;
    this.manifest = manifest;
    this.taskNames = manifest.taskNames();
    this.targetTask = manifest.targetTask() == null ? -1 : taskNames.indexOf(manifest.targetTask());
  }

  /** Opens and fully verifies the store in {@code dir}, checksums included. */
  public static GradientStore open(Path dir) {
    return open(dir, true);
  }

  /**
   * Opens the store in {@code dir}.
   *
   * @param verifyChecksums if false, skips the SHA-256 comparison and the scan of the feature files
   *     for non-finite values (sizes, offsets, tasks and ids are still checked); for trusted stores
   *     too large to re-read
   */
  public static GradientStore open(Path dir, boolean verifyChecksums) {
    return open(dir, verifyChecksums, FeatureMapping.DEFAULT_SEGMENT_BYTES);
  }

  static GradientStore open(Path dir, boolean verifyChecksums, long segmentBytes) {
    StoreManifest manifest = ManifestJson.read(dir);
    ManifestChecks.checkHeader(manifest);
    GradientStore store = new GradientStore(dir, manifest);
    try {
      for (Split split : Split.values()) {
        SplitLoader loader = new SplitLoader(dir, manifest, split, verifyChecksums);
        store.splits.put(split, loader.load(segmentBytes));
      }
      ManifestChecks.checkTaskCounts(manifest, store.splits.get(Split.TRAIN).tasks);
      return store;
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  public Path directory() {
    return directory;
  }

  public StoreManifest manifest() {
    return manifest;
  }

  /** Projected dimension d. */
  public int dim() {
    return manifest.dim();
  }

  /** Task names in index order. */
  public List<String> taskNames() {
    return taskNames;
  }

  /** Index of the target's own training task, or -1. */
  public int targetTask() {
    return targetTask;
  }

  public int size(Split split) {
    return data(split).size;
  }

  /** Task index of example {@code i} (-1 possible in validation). */
  public int taskIndex(Split split, int i) {
    return data(split).tasks[i];
  }

  /** Offset b(z) of example {@code i}. */
  public float offset(Split split, int i) {
    return data(split).offsets[i];
  }

  /** Supervised target-token count of example {@code i}. */
  public int tokens(Split split, int i) {
    return data(split).tokens[i];
  }

  public String id(Split split, int i) {
    return data(split).ids().get(i);
  }

  /** All ids of {@code split}, in row order (read from disk on first call). */
  public List<String> ids(Split split) {
    return data(split).ids();
  }

  /** Copies the projected gradient of example {@code i} into {@code dst[dstOffset ..+dim)}. */
  public void readRow(Split split, long i, float[] dst, int dstOffset) {
    data(split).features.readRow(i, dst, dstOffset);
  }

  /**
   * Per-task blocks for the estimators: all on the heap if train and validation features fit in
   * {@code heapBudgetBytes}, else a {@link MappedExampleBlocks} that gathers a task's rows from the
   * mapping on each call. The validation block is always on the heap.
   */
  public ExampleBlocks blocks(long heapBudgetBytes) {
    long need = 4L * dim() * ((long) size(Split.TRAIN) + size(Split.VALIDATION));
    MappedExampleBlocks mapped = new MappedExampleBlocks(this);
    return need <= heapBudgetBytes ? mapped.toHeap() : mapped;
  }

  /** Gathers the given rows of {@code split} into one contiguous block. */
  ExampleBlock gather(Split split, int[] rows, String what) {
    SplitData d = data(split);
    int dim = dim();
    if ((long) rows.length * dim > Integer.MAX_VALUE - 8) {
      throw new InvalidInputException(
          what, rows.length + " rows x dim " + dim + " exceed one array");
    }
    float[] features = new float[rows.length * dim];
    float[] offsets = new float[rows.length];
    int[] tokens = new int[rows.length];
    for (int r = 0; r < rows.length; r++) {
      d.features.readRow(rows[r], features, r * dim);
      offsets[r] = d.offsets[rows[r]];
      tokens[r] = d.tokens[rows[r]];
    }
    return new ExampleBlock(rows.length, dim, features, offsets, tokens);
  }

  int[] taskColumn(Split split) {
    return data(split).tasks;
  }

  private SplitData data(Split split) {
    SplitData d = splits.get(split);
    if (d == null) {
      throw new IllegalStateException("store closed");
    }
    return d;
  }

  @Override
  public void close() {
    for (SplitData d : splits.values()) {
      d.close();
    }
    splits.clear();
  }
}
