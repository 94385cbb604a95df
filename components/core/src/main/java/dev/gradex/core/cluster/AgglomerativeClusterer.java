package dev.gradex.core.cluster;

import dev.gradex.core.InvalidInputException;
import dev.gradex.core.store.ExampleBlock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Average-linkage agglomerative clustering on cosine distance (1 - cosine), the alternative
 * grouping of examples into pseudo-tasks named in stage 4 of Li, Zhang, Wang and Zhang, "Scalable
 * Fine-tuning from Multiple Data Sources: A First-Order Approximation Approach" (EMNLP Findings
 * 2024, arXiv 2409.19458).
 *
 * <p>Uses the nearest-neighbour-chain algorithm (valid because average linkage is reducible):
 * O(n^2) time and a float distance matrix of n(n-1)/2 entries. That memory is why inputs are
 * limited to {@link #MAX_ROWS} rows; use {@link GradientClusterer} (k-means) beyond it. Zero rows
 * are handled as in {@link GradientClusterer}: cluster 0, no part in the distances.
 */
public final class AgglomerativeClusterer {
  /** 5,000 rows need a 50 MB distance matrix; more would strain a component's heap. */
  public static final int MAX_ROWS = 5_000;

  private final int clusters;

  private AgglomerativeClusterer(int clusters) {
    this.clusters = clusters;
  }

  /**
   * @param clusters number of pseudo-tasks k >= 1
   */
  public static AgglomerativeClusterer withClusters(int clusters) {
    if (clusters < 1) {
      throw new InvalidInputException("clusters", clusters + " must be at least 1");
    }
    return new AgglomerativeClusterer(clusters);
  }

  public Clustering fit(ExampleBlock block) {
    return fit(block.features(), block.rows(), block.dim());
  }

  /**
   * @param features row-major {@code rows x dim}
   * @throws InvalidInputException above {@link #MAX_ROWS} rows or with fewer non-zero rows than
   *     clusters
   */
  public Clustering fit(float[] features, int rows, int dim) {
    if (rows > MAX_ROWS) {
      throw new InvalidInputException(
          "method",
          "agglomerative clustering is limited to "
              + MAX_ROWS
              + " rows but got "
              + rows
              + "; use k-means for larger inputs");
    }
    UnitRows x = new UnitRows(features, rows, dim);
    x.checkClusterCount(clusters);
    int[] index = new int[x.nonZero()];
    for (int i = 0, n = 0; i < rows; i++) {
      if (!x.zero[i]) {
        index[n++] = i;
      }
    }
    List<Merge> merges = nearestNeighbourChain(x, index);
    // The chain finds merges out of order; sorted by height they form the dendrogram.
    merges.sort(Comparator.comparingDouble(Merge::distance));
    UnionFind groups = new UnionFind(index.length);
    for (Merge m : merges) {
      if (groups.count() == clusters) {
        break;
      }
      groups.union(m.a(), m.b());
    }
    int[] assignment = new int[rows];
    int[] label = new int[index.length];
    Arrays.fill(label, -1);
    int next = 0;
    for (int n = 0; n < index.length; n++) {
      int root = groups.find(n);
      if (label[root] < 0) {
        label[root] = next++;
      }
      assignment[index[n]] = label[root];
    }
    return x.finish(assignment, clusters, index.length - groups.count(), true);
  }

  private record Merge(int a, int b, double distance) {}

  private static List<Merge> nearestNeighbourChain(UnitRows x, int[] index) {
    int m = index.length;
    float[] d = new float[(int) ((long) m * (m - 1) / 2)];
    for (int i = 1; i < m; i++) {
      for (int j = 0; j < i; j++) {
        d[tri(i, j)] = (float) (1 - x.cos(index[i], x.unit, index[j] * x.dim));
      }
    }
    boolean[] active = new boolean[m];
    Arrays.fill(active, true);
    int[] size = new int[m];
    Arrays.fill(size, 1);
    int[] chain = new int[m];
    int top = 0;
    List<Merge> merges = new ArrayList<>(m);
    for (int remaining = m; remaining > 1; ) {
      if (top == 0) {
        chain[top++] = firstActive(active);
      }
      int a = chain[top - 1];
      int prev = top >= 2 ? chain[top - 2] : -1;
      // Prefer the previous chain element on ties, else the lowest index: keeps the chain acyclic.
      int best = prev;
      double bestD = prev >= 0 ? d[tri(a, prev)] : Double.POSITIVE_INFINITY;
      for (int c = 0; c < m; c++) {
        if (active[c] && c != a && d[tri(a, c)] < bestD) {
          best = c;
          bestD = d[tri(a, c)];
        }
      }
      if (best != prev) {
        chain[top++] = best;
        continue;
      }
      top -= 2;
      merges.add(new Merge(a, prev, bestD));
      merge(d, active, size, a, prev, m);
      remaining--;
    }
    return merges;
  }

  /** Lance-Williams update for average linkage; the union lives on at the lower index. */
  private static void merge(float[] d, boolean[] active, int[] size, int a, int b, int m) {
    int keep = Math.min(a, b);
    int drop = Math.max(a, b);
    for (int c = 0; c < m; c++) {
      if (active[c] && c != a && c != b) {
        double v =
            (size[a] * (double) d[tri(a, c)] + size[b] * (double) d[tri(b, c)])
                / (size[a] + size[b]);
        d[tri(keep, c)] = (float) v;
      }
    }
    size[keep] += size[drop];
    active[drop] = false;
  }

  private static int firstActive(boolean[] active) {
    int i = 0;
    while (!active[i]) {
      i++;
    }
    return i;
  }

  private static int tri(int i, int j) {
    return i > j ? i * (i - 1) / 2 + j : j * (j - 1) / 2 + i;
  }

  /** Disjoint sets over 0..n-1 that count their components. */
  private static final class UnionFind {
    private final int[] parent;
    private int count;

    UnionFind(int n) {
      parent = new int[n];
      for (int i = 0; i < n; i++) {
        parent[i] = i;
      }
      count = n;
    }

    int find(int i) {
      while (parent[i] != i) {
        parent[i] = parent[parent[i]];
        i = parent[i];
      }
      return i;
    }

    void union(int a, int b) {
      int ra = find(a);
      int rb = find(b);
      if (ra != rb) {
        parent[Math.max(ra, rb)] = Math.min(ra, rb);
        count--;
      }
    }

    int count() {
      return count;
    }
  }
}
