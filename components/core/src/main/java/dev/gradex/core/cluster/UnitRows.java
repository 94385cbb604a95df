package dev.gradex.core.cluster;

import dev.gradex.core.InvalidInputException;
import java.util.Arrays;

/**
 * Rows scaled to unit length, so that a dot product is a cosine. Zero rows have no direction: they
 * are flagged, left as zeros, and kept out of every cluster computation.
 */
final class UnitRows {
  final int rows;
  final int dim;
  final double[] unit;
  final boolean[] zero;
  final int zeroCount;

  UnitRows(float[] features, int rows, int dim) {
    if (rows < 0 || dim < 1 || features.length < (long) rows * dim) {
      throw new IllegalArgumentException(
          "features of length " + features.length + " do not hold " + rows + " x " + dim);
    }
    this.rows = rows;
    this.dim = dim;
    this.unit = new double[rows * dim];
    this.zero = new boolean[rows];
    int zeros = 0;
    for (int i = 0; i < rows; i++) {
      double norm = 0;
      for (int j = 0; j < dim; j++) {
        double v = features[i * dim + j];
        if (!Double.isFinite(v)) {
          throw new InvalidInputException("features", "row " + i + " has value " + v);
        }
        norm += v * v;
      }
      norm = Math.sqrt(norm);
      zero[i] = norm == 0;
      zeros += zero[i] ? 1 : 0;
      for (int j = 0; j < dim && norm > 0; j++) {
        unit[i * dim + j] = features[i * dim + j] / norm;
      }
    }
    this.zeroCount = zeros;
  }

  int nonZero() {
    return rows - zeroCount;
  }

  /** Cosine of row {@code i} with a unit (or zero) vector stored at {@code c[off..off+dim)}. */
  double cos(int i, double[] c, int off) {
    double s = 0;
    for (int j = 0; j < dim; j++) {
      s += unit[i * dim + j] * c[off + j];
    }
    return s;
  }

  void checkClusterCount(int k) {
    if (k < 1 || k > nonZero()) {
      throw new InvalidInputException(
          "clusters",
          k
              + " clusters requested but there are "
              + nonZero()
              + " non-zero rows; use 1.."
              + Math.max(1, nonZero()));
    }
  }

  /**
   * The final result for an assignment of the non-zero rows: labels renumbered by first occurrence
   * (so equal partitions give equal results whatever the algorithm), zero rows put in cluster 0,
   * centroids recomputed as normalised means, inertia = sum of 1 - cosine over non-zero rows.
   */
  Clustering finish(int[] assignment, int k, int iterations, boolean converged) {
    int[] relabel = new int[k];
    Arrays.fill(relabel, -1);
    int next = 0;
    for (int i = 0; i < rows; i++) {
      if (!zero[i] && relabel[assignment[i]] < 0) {
        relabel[assignment[i]] = next++;
      }
    }
    for (int c = 0; c < k; c++) {
      if (relabel[c] < 0) {
        relabel[c] = next++;
      }
    }
    int[] labels = new int[rows];
    double[] centroids = new double[k * dim];
    for (int i = 0; i < rows; i++) {
      labels[i] = zero[i] ? 0 : relabel[assignment[i]];
      for (int j = 0; j < dim && !zero[i]; j++) {
        centroids[labels[i] * dim + j] += unit[i * dim + j];
      }
    }
    normalise(centroids, k, dim);
    double inertia = 0;
    for (int i = 0; i < rows; i++) {
      inertia += zero[i] ? 0 : 1 - cos(i, centroids, labels[i] * dim);
    }
    return new Clustering(labels, k, dim, centroids, iterations, converged, inertia, zeroCount);
  }

  /** Scales each centroid to unit length; a zero sum (empty cluster) stays zero. */
  static void normalise(double[] centroids, int k, int dim) {
    for (int c = 0; c < k; c++) {
      double norm = 0;
      for (int j = 0; j < dim; j++) {
        norm += centroids[c * dim + j] * centroids[c * dim + j];
      }
      norm = Math.sqrt(norm);
      for (int j = 0; j < dim && norm > 0; j++) {
        centroids[c * dim + j] /= norm;
      }
    }
  }
}
