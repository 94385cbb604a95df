package dev.gradex.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gradex.core.InvalidInputException;
import dev.gradex.core.store.ExampleBlock;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClusterTest {
  private static final int DIM = 16;
  private static final int PER_CLUSTER = 40;

  /** Three random directions in d = 16, 40 noisy rows each of random length, shuffled. */
  private static final Data DATA = threeDirections(123);

  private record Data(float[] features, int rows, int[] truth) {}

  @Test
  void kMeansRecoversThreeDirectionsExactly() {
    Clustering c = GradientClusterer.builder().setClusters(3).optSeed(1).build().fit(block());
    assertThat(adjustedRand(c.assignment(), DATA.truth())).isCloseTo(1.0, within(1e-12));
    assertThat(c.sizes()).containsExactly(PER_CLUSTER, PER_CLUSTER, PER_CLUSTER);
    assertThat(c.converged()).isTrue();
    assertThat(c.iterations()).isBetween(2, 10);
    assertThat(c.zeroRows()).isZero();
    // Noise of 0.1 per coordinate around a unit direction: cosines near 1/sqrt(1 + 16 * 0.01).
    assertThat(c.inertia() / DATA.rows()).isBetween(0.02, 0.12);
  }

  @Test
  void kMeansIsDeterministicForASeedAndFindsTheSamePartitionForOtherSeeds() {
    Clustering a = GradientClusterer.builder().setClusters(3).optSeed(5).build().fit(block());
    Clustering b = GradientClusterer.builder().setClusters(3).optSeed(5).build().fit(block());
    Clustering other = GradientClusterer.builder().setClusters(3).optSeed(99).build().fit(block());
    assertThat(a).isEqualTo(b);
    // Labels are numbered by first occurrence, so equal partitions give equal assignments.
    assertThat(other.assignment()).isEqualTo(a.assignment());
  }

  @Test
  void agglomerativeAgreesWithKMeansOnTheSameData() {
    Clustering k = GradientClusterer.builder().setClusters(3).optSeed(1).build().fit(block());
    Clustering h = AgglomerativeClusterer.withClusters(3).fit(block());
    assertThat(h.assignment()).isEqualTo(k.assignment());
    assertThat(h.iterations()).isEqualTo(DATA.rows() - 3);
    assertThat(h.inertia()).isCloseTo(k.inertia(), within(1e-9));
  }

  @Test
  void handExampleHasKnownCentroidsAndInertia() {
    // (1,0) and (0.6,0.8) share a cluster with centroid (2,1)/sqrt(5); (0,-3) is alone.
    float[] rows = {1, 0, 0.6f, 0.8f, 0, -3};
    double inertia = 2 * (1 - 2 / Math.sqrt(5));
    for (Clustering c :
        new Clustering[] {
          GradientClusterer.builder().setClusters(2).build().fit(rows, 3, 2),
          AgglomerativeClusterer.withClusters(2).fit(rows, 3, 2)
        }) {
      assertThat(c.assignment()).containsExactly(0, 0, 1);
      assertThat(c.centroids())
          .containsExactly(new double[] {2 / Math.sqrt(5), 1 / Math.sqrt(5), 0, -1}, within(1e-6));
      assertThat(c.inertia()).isCloseTo(inertia, within(1e-6));
    }
  }

  @Test
  void zeroRowGoesToClusterZeroAndIsCounted() {
    float[] rows = {0, 0, 5, 0, 0, 2, 4, 0};
    Clustering c = GradientClusterer.builder().setClusters(2).build().fit(rows, 4, 2);
    assertThat(c.assignment()).containsExactly(0, 0, 1, 0);
    assertThat(c.zeroRows()).isEqualTo(1);
    assertThat(c.inertia()).isCloseTo(0, within(1e-12));
    assertThat(AgglomerativeClusterer.withClusters(2).fit(rows, 4, 2).assignment())
        .containsExactly(0, 0, 1, 0);
  }

  @Test
  void moreClustersThanNonZeroRowsIsAnErrorNamingTheOption() {
    float[] rows = {1, 0, 0, 0, 0, 1};
    assertThatThrownBy(() -> GradientClusterer.builder().setClusters(3).build().fit(rows, 3, 2))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("clusters")
        .hasMessageContaining("2 non-zero rows");
  }

  @Test
  void agglomerativeRefusesLargeInputsAndPointsToKMeans() {
    int rows = AgglomerativeClusterer.MAX_ROWS + 1;
    assertThatThrownBy(() -> AgglomerativeClusterer.withClusters(2).fit(new float[rows], rows, 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("limited to 5000 rows")
        .hasMessageContaining("use k-means");
  }

  @Test
  void missingClusterCountIsReported() {
    assertThatThrownBy(() -> GradientClusterer.builder().optMaxIterations(0).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("setClusters is required")
        .hasMessageContaining("maxIterations 0");
  }

  @Test
  void clusterLeftEmptyByDuplicateSeedsTakesTheFarthestRowAndNoneStaysEmpty() {
    // Two distinct directions for three clusters: seeding must repeat one, which then leaves a
    // cluster empty after the first assignment. Each cluster must still end up non-empty and pure.
    float[] rows = {1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 1};
    for (long seed = 0; seed < 8; seed++) {
      Clustering c =
          GradientClusterer.builder().setClusters(3).optSeed(seed).build().fit(rows, 6, 2);
      assertThat(c.sizes()).as("seed %d", seed).doesNotContain(0).hasSize(3);
      int[] a = c.assignment();
      assertThat(new int[] {a[0], a[1], a[2]}).doesNotContain(a[3], a[4], a[5]);
    }
  }

  @Test
  void iterationCapOfOneIsHonouredAndReportedAsNotConverged() {
    Clustering c =
        GradientClusterer.builder()
            .setClusters(3)
            .optSeed(1)
            .optMaxIterations(1)
            .build()
            .fit(block());
    assertThat(c.iterations()).isEqualTo(1);
    assertThat(c.converged()).isFalse();
  }

  @Test
  void clusteringsAreEqualByContent() {
    float[] rows = {1, 0, 0.9f, 0.1f, 0, 1, 0.1f, 0.9f};
    GradientClusterer k = GradientClusterer.builder().setClusters(2).optSeed(3).build();
    Clustering a = k.fit(rows, 4, 2);
    Clustering b = k.fit(rows, 4, 2);
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(null);
    assertThat(a).isNotEqualTo(GradientClusterer.builder().setClusters(1).build().fit(rows, 4, 2));
    assertThat(a.toString()).contains("clusters=2");
  }

  private static ExampleBlock block() {
    return new ExampleBlock(
        DATA.rows(), DIM, DATA.features(), new float[DATA.rows()], new int[DATA.rows()]);
  }

  private static Data threeDirections(long seed) {
    Random random = new Random(seed);
    double[][] directions = new double[3][DIM];
    for (double[] d : directions) {
      double norm = 0;
      for (int j = 0; j < DIM; j++) {
        d[j] = random.nextGaussian();
        norm += d[j] * d[j];
      }
      for (int j = 0; j < DIM; j++) {
        d[j] /= Math.sqrt(norm);
      }
    }
    int rows = 3 * PER_CLUSTER;
    int[] truth = new int[rows];
    for (int i = 0; i < rows; i++) {
      truth[i] = i % 3;
    }
    for (int i = rows - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = truth[i];
      truth[i] = truth[j];
      truth[j] = t;
    }
    float[] features = new float[rows * DIM];
    for (int i = 0; i < rows; i++) {
      double scale = 0.1 + 10 * random.nextDouble();
      for (int j = 0; j < DIM; j++) {
        features[i * DIM + j] =
            (float) (scale * (directions[truth[i]][j] + 0.1 * random.nextGaussian()));
      }
    }
    return new Data(features, rows, truth);
  }

  /** Hubert and Arabie's adjusted Rand index: 1 for identical partitions up to relabelling. */
  static double adjustedRand(int[] a, int[] b) {
    int ka = java.util.Arrays.stream(a).max().orElse(0) + 1;
    int kb = java.util.Arrays.stream(b).max().orElse(0) + 1;
    long[][] table = new long[ka][kb];
    long[] rowSums = new long[ka];
    long[] colSums = new long[kb];
    for (int i = 0; i < a.length; i++) {
      table[a[i]][b[i]]++;
      rowSums[a[i]]++;
      colSums[b[i]]++;
    }
    double index = 0;
    for (long[] row : table) {
      for (long n : row) {
        index += pairs(n);
      }
    }
    double sumA = java.util.Arrays.stream(rowSums).mapToDouble(ClusterTest::pairs).sum();
    double sumB = java.util.Arrays.stream(colSums).mapToDouble(ClusterTest::pairs).sum();
    double expected = sumA * sumB / pairs(a.length);
    return (index - expected) / ((sumA + sumB) / 2 - expected);
  }

  private static double pairs(long n) {
    return n * (n - 1) / 2.0;
  }
}
