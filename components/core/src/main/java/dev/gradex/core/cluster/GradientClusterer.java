package dev.gradex.core.cluster;

import dev.gradex.core.InvalidInputException;
import dev.gradex.core.SplitMix64;
import dev.gradex.core.store.ExampleBlock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Spherical k-means with k-means++ seeding on projected gradients: the pseudo-tasks for a target
 * without natural tasks suggested in stage 4 of Li, Zhang, Wang and Zhang, "Scalable Fine-tuning
 * from Multiple Data Sources: A First-Order Approximation Approach" (EMNLP Findings 2024, arXiv
 * 2409.19458). Similarity is the cosine, so an example's gradient magnitude does not matter, only
 * its direction.
 *
 * <p>Deterministic for a seed: seeding draws from SplitMix64; ties in assignment go to the lower
 * cluster index; an emptied cluster is re-seeded with the row farthest from its centroid (lowest
 * index on ties). Iterates until no assignment changes or the iteration limit. All-zero rows have
 * no direction: they are assigned to cluster 0, take no part in seeding or centroids, and add
 * nothing to the inertia; {@link Clustering#zeroRows()} reports how many there were.
 */
public final class GradientClusterer {
  private final int clusters;
  private final long seed;
  private final int maxIterations;

  private GradientClusterer(Builder b) {
    this.clusters = b.clusters;
    this.seed = b.seed;
    this.maxIterations = b.maxIterations;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Clusters the rows of a store block. */
  public Clustering fit(ExampleBlock block) {
    return fit(block.features(), block.rows(), block.dim());
  }

  /**
   * @param features row-major {@code rows x dim}
   * @throws InvalidInputException if there are fewer non-zero rows than clusters
   */
  public Clustering fit(float[] features, int rows, int dim) {
    UnitRows x = new UnitRows(features, rows, dim);
    x.checkClusterCount(clusters);
    double[] centroids = seed(x);
    int[] assignment = new int[rows];
    Arrays.fill(assignment, -1);
    int iterations = 0;
    boolean converged = false;
    while (iterations < maxIterations) {
      iterations++;
      if (!assign(x, centroids, assignment)) {
        converged = true;
        break;
      }
      update(x, centroids, assignment);
    }
    return x.finish(assignment, clusters, iterations, converged);
  }

  /** k-means++: each next centre drawn with probability proportional to 1 - cos to the nearest. */
  private double[] seed(UnitRows x) {
    SplitMix64 random = new SplitMix64(seed);
    double[] centroids = new double[clusters * x.dim];
    int[] nonZero = new int[x.nonZero()];
    for (int i = 0, n = 0; i < x.rows; i++) {
      if (!x.zero[i]) {
        nonZero[n++] = i;
      }
    }
    int first = nonZero[random.nextInt(nonZero.length)];
    System.arraycopy(x.unit, first * x.dim, centroids, 0, x.dim);
    double[] distance = new double[nonZero.length];
    Arrays.fill(distance, Double.POSITIVE_INFINITY);
    for (int c = 1; c < clusters; c++) {
      double total = 0;
      for (int n = 0; n < nonZero.length; n++) {
        double d = Math.max(0, 1 - x.cos(nonZero[n], centroids, (c - 1) * x.dim));
        distance[n] = Math.min(distance[n], d);
        total += distance[n];
      }
      int pick = pick(distance, total, random);
      System.arraycopy(x.unit, nonZero[pick] * x.dim, centroids, c * x.dim, x.dim);
    }
    return centroids;
  }

  private static int pick(double[] weights, double total, SplitMix64 random) {
    if (total <= 0) {
      // Fewer distinct directions than clusters: fall back to a uniform draw.
      return random.nextInt(weights.length);
    }
    double r = random.nextDouble() * total;
    int last = 0;
    for (int n = 0; n < weights.length; n++) {
      if (weights[n] > 0) {
        last = n;
        r -= weights[n];
        if (r < 0) {
          return n;
        }
      }
    }
    return last;
  }

  /** Assigns each non-zero row to its most similar centroid; returns whether any row moved. */
  private boolean assign(UnitRows x, double[] centroids, int[] assignment) {
    boolean changed = false;
    for (int i = 0; i < x.rows; i++) {
      int best = 0;
      if (!x.zero[i]) {
        double bestCos = x.cos(i, centroids, 0);
        for (int c = 1; c < clusters; c++) {
          double cos = x.cos(i, centroids, c * x.dim);
          if (cos > bestCos) {
            best = c;
            bestCos = cos;
          }
        }
      }
      changed |= assignment[i] != best;
      assignment[i] = best;
    }
    return changed;
  }

  private void update(UnitRows x, double[] centroids, int[] assignment) {
    int dim = x.dim;
    double[] sums = new double[clusters * dim];
    int[] sizes = new int[clusters];
    for (int i = 0; i < x.rows; i++) {
      if (!x.zero[i]) {
        sizes[assignment[i]]++;
        for (int j = 0; j < dim; j++) {
          sums[assignment[i] * dim + j] += x.unit[i * dim + j];
        }
      }
    }
    UnitRows.normalise(sums, clusters, dim);
    for (int c = 0; c < clusters; c++) {
      if (sizes[c] == 0) {
        int far = farthest(x, sums, assignment, sizes);
        sizes[assignment[far]]--;
        sizes[c] = 1;
        assignment[far] = c;
        System.arraycopy(x.unit, far * dim, sums, c * dim, dim);
      }
    }
    System.arraycopy(sums, 0, centroids, 0, sums.length);
  }

  /** The non-zero row least similar to its centroid, from a cluster that can spare it. */
  private static int farthest(UnitRows x, double[] centroids, int[] assignment, int[] sizes) {
    int far = -1;
    double worst = Double.POSITIVE_INFINITY;
    for (int i = 0; i < x.rows; i++) {
      if (!x.zero[i] && sizes[assignment[i]] > 1) {
        double cos = x.cos(i, centroids, assignment[i] * x.dim);
        if (cos < worst) {
          worst = cos;
          far = i;
        }
      }
    }
    return far;
  }

  /** Settings; {@link #build()} reports every missing or invalid one at once. */
  public static final class Builder {
    private int clusters;
    private long seed;
    private int maxIterations = 100;

    private Builder() {}

    /** Number of pseudo-tasks k (required). */
    public Builder setClusters(int clusters) {
      this.clusters = clusters;
      return this;
    }

    public Builder optSeed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Upper bound on assignment passes; 100 by default. */
    public Builder optMaxIterations(int maxIterations) {
      this.maxIterations = maxIterations;
      return this;
    }

    public GradientClusterer build() {
      List<String> problems = new ArrayList<>();
      if (clusters < 1) {
        problems.add("clusters " + clusters + " must be at least 1 (setClusters is required)");
      }
      if (maxIterations < 1) {
        problems.add("maxIterations " + maxIterations + " must be at least 1");
      }
      if (!problems.isEmpty()) {
        throw new InvalidInputException("GradientClusterer", String.join("; ", problems));
      }
      return new GradientClusterer(this);
    }
  }
}
