package dev.gradex.core.cluster;

import java.util.Arrays;
import java.util.Objects;

/**
 * Examples grouped into pseudo-tasks by gradient direction.
 *
 * @param assignment cluster of each row, 0..clusters-1; labels are numbered by first occurrence
 *     among non-zero rows, and zero rows are in cluster 0
 * @param clusters number of clusters k
 * @param dim dimension of the rows
 * @param centroids row-major {@code clusters x dim} unit mean directions (zero for an empty
 *     cluster)
 * @param iterations k-means assignment passes, or merges made by agglomerative clustering
 * @param converged whether k-means assignments stopped changing (always true for agglomerative)
 * @param inertia sum over non-zero rows of 1 - cosine(row, its centroid)
 * @param zeroRows number of all-zero rows (no direction; placed in cluster 0)
 */
public record Clustering(
    int[] assignment,
    int clusters,
    int dim,
    double[] centroids,
    int iterations,
    boolean converged,
    double inertia,
    int zeroRows) {
  public Clustering {
    assignment = assignment.clone();
    centroids = centroids.clone();
  }

  @Override
  public int[] assignment() {
    return assignment.clone();
  }

  @Override
  public double[] centroids() {
    return centroids.clone();
  }

  /** Number of rows in each cluster. */
  public int[] sizes() {
    int[] sizes = new int[clusters];
    for (int c : assignment) {
      sizes[c]++;
    }
    return sizes;
  }

  // Records compare arrays by reference; clusterings are compared by content.
  @Override
  public boolean equals(Object o) {
    return o instanceof Clustering c
        && Arrays.equals(assignment, c.assignment)
        && clusters == c.clusters
        && dim == c.dim
        && Arrays.equals(centroids, c.centroids)
        && iterations == c.iterations
        && converged == c.converged
        && Double.compare(inertia, c.inertia) == 0
        && zeroRows == c.zeroRows;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        Arrays.hashCode(assignment), clusters, dim, iterations, converged, inertia, zeroRows);
  }

  @Override
  public String toString() {
    return "Clustering[clusters="
        + clusters
        + ", sizes="
        + Arrays.toString(sizes())
        + ", iterations="
        + iterations
        + ", converged="
        + converged
        + ", inertia="
        + inertia
        + ", zeroRows="
        + zeroRows
        + "]";
  }
}
