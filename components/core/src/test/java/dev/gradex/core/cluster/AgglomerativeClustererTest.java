package dev.gradex.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AgglomerativeClustererTest {
  /**
   * Average linkage on 1 - cosine done the slow way: merge the closest pair of clusters (mean
   * pairwise distance) until k remain; labels by first occurrence, as {@link Clustering} has them.
   */
  private static int[] naive(float[] x, int rows, int dim, int k) {
    double[][] unit = new double[rows][dim];
    for (int i = 0; i < rows; i++) {
      double n = 0;
      for (int j = 0; j < dim; j++) {
        n += x[i * dim + j] * x[i * dim + j];
      }
      for (int j = 0; j < dim; j++) {
        unit[i][j] = x[i * dim + j] / Math.sqrt(n);
      }
    }
    List<List<Integer>> clusters = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      clusters.add(new ArrayList<>(List.of(i)));
    }
    while (clusters.size() > k) {
      int bestA = -1;
      int bestB = -1;
      double best = Double.POSITIVE_INFINITY;
      for (int a = 0; a < clusters.size(); a++) {
        for (int b = a + 1; b < clusters.size(); b++) {
          double sum = 0;
          for (int i : clusters.get(a)) {
            for (int j : clusters.get(b)) {
              double cos = 0;
              for (int t = 0; t < dim; t++) {
                cos += unit[i][t] * unit[j][t];
              }
              sum += 1 - cos;
            }
          }
          double avg = sum / (clusters.get(a).size() * clusters.get(b).size());
          if (avg < best) {
            best = avg;
            bestA = a;
            bestB = b;
          }
        }
      }
      clusters.get(bestA).addAll(clusters.remove(bestB));
    }
    int[] cluster = new int[rows];
    for (int c = 0; c < clusters.size(); c++) {
      for (int i : clusters.get(c)) {
        cluster[i] = c;
      }
    }
    int[] relabel = new int[k];
    java.util.Arrays.fill(relabel, -1);
    int next = 0;
    int[] labels = new int[rows];
    for (int i = 0; i < rows; i++) {
      if (relabel[cluster[i]] < 0) {
        relabel[cluster[i]] = next++;
      }
      labels[i] = relabel[cluster[i]];
    }
    return labels;
  }

  @Test
  void averageLinkageMatchesTheNaiveAlgorithmOnRandomData() {
    Random random = new Random(17);
    for (int trial = 0; trial < 5; trial++) {
      int rows = 12 + random.nextInt(20);
      int dim = 2 + random.nextInt(4);
      int k = 1 + random.nextInt(5);
      float[] x = new float[rows * dim];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) random.nextGaussian();
      }
      Clustering c = AgglomerativeClusterer.withClusters(k).fit(x, rows, dim);
      assertThat(c.assignment()).as("trial %d", trial).containsExactly(naive(x, rows, dim, k));
      assertThat(c.iterations()).isEqualTo(rows - k); // one merge per step
    }
  }

  @Test
  void moreClustersThanNonZeroRowsOrNoneAreRefused() {
    float[] rows = {1, 0, 0, 1, 0, 0};
    assertThatThrownBy(() -> AgglomerativeClusterer.withClusters(3).fit(rows, 3, 2))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("clusters");
    assertThatThrownBy(() -> AgglomerativeClusterer.withClusters(0))
        .isInstanceOf(InvalidInputException.class);
    assertThat(AgglomerativeClusterer.withClusters(1).fit(rows, 3, 2).sizes()).containsExactly(3);
  }
}
