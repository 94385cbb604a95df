package dev.gradex.estimate;

import dev.gradex.core.Csv;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.cluster.Clustering;
import dev.gradex.core.cluster.GradientClusterer;
import dev.gradex.core.store.ExampleBlock;
import dev.gradex.core.store.ExampleBlocks;
import dev.gradex.core.store.GradientStore;
import dev.gradex.core.store.HeapExampleBlocks;
import dev.gradex.core.store.Split;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Pseudo-tasks for data without natural sources (stage 4 of Li et al., arXiv 2409.19458;
 * docs/method.md#pseudo-tasks): the store's source examples are grouped into k clusters by the
 * direction of their projected gradients (spherical k-means, cosine), and the clusters take the
 * place of tasks. The target's own training task stays as it is. Empty clusters are dropped.
 */
final class PseudoTasks {
  /** The regrouped examples, and clusters.csv mapping every example id to its cluster. */
  record Result(ExampleBlocks blocks, byte[] clustersCsv) {}

  private PseudoTasks() {}

  static Result build(
      GradientStore store,
      ExampleBlocks original,
      int k,
      long seed,
      Set<String> excluded,
      long heapBudgetBytes) {
    int dim = store.dim();
    int target = store.targetTask();
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < store.size(Split.TRAIN); i++) {
      int t = store.taskIndex(Split.TRAIN, i);
      if (t != target && !excluded.contains(store.taskNames().get(t))) {
        rows.add(i);
      }
    }
    long bytes = (long) rows.size() * dim * Float.BYTES;
    if (bytes > heapBudgetBytes || bytes > Integer.MAX_VALUE) {
      throw new InvalidInputException(
          "--pseudo-tasks",
          "clustering needs the "
              + rows.size()
              + " source examples on the heap ("
              + bytes
              + " bytes, budget "
              + heapBudgetBytes
              + "); give the JVM more memory (-Xmx)");
    }
    if (rows.size() < k) {
      throw new InvalidInputException(
          "--pseudo-tasks", k + " clusters but only " + rows.size() + " source examples");
    }
    float[] features = new float[rows.size() * dim];
    for (int r = 0; r < rows.size(); r++) {
      store.readRow(Split.TRAIN, rows.get(r), features, r * dim);
    }
    Clustering clustering =
        GradientClusterer.builder()
            .setClusters(k)
            .optSeed(seed)
            .build()
            .fit(features, rows.size(), dim);
    int[] sizes = clustering.sizes();
    int[] index = new int[k];
    List<String> names = new ArrayList<>();
    List<ExampleBlock> blocks = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      index[c] = sizes[c] == 0 ? -1 : names.size();
      if (sizes[c] > 0) {
        names.add(String.format("cluster-%03d", c));
      }
    }
    float[][] f = new float[names.size()][];
    float[][] o = new float[names.size()][];
    int[][] tok = new int[names.size()][];
    int[] fill = new int[names.size()];
    for (int c = 0; c < k; c++) {
      if (index[c] >= 0) {
        f[index[c]] = new float[sizes[c] * dim];
        o[index[c]] = new float[sizes[c]];
        tok[index[c]] = new int[sizes[c]];
      }
    }
    Csv.Table csv = Csv.table("id", "source_task", "cluster");
    int[] assignment = clustering.assignment();
    for (int r = 0; r < rows.size(); r++) {
      int c = index[assignment[r]];
      int at = fill[c]++;
      int row = rows.get(r);
      System.arraycopy(features, r * dim, f[c], at * dim, dim);
      o[c][at] = store.offset(Split.TRAIN, row);
      tok[c][at] = store.tokens(Split.TRAIN, row);
      csv.row(
          store.id(Split.TRAIN, row),
          store.taskNames().get(store.taskIndex(Split.TRAIN, row)),
          names.get(c));
    }
    for (int c = 0; c < names.size(); c++) {
      blocks.add(new ExampleBlock(fill[c], dim, f[c], o[c], tok[c]));
    }
    int targetIndex = -1;
    if (target >= 0) {
      targetIndex = names.size();
      names.add(store.taskNames().get(target));
      blocks.add(original.block(target));
    }
    return new Result(
        new HeapExampleBlocks(names, blocks, original.validation(), targetIndex), csv.bytes());
  }
}
