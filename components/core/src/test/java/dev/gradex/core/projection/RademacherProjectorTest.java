package dev.gradex.core.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RademacherProjectorTest {
  // dim 300 crosses two 128-column Philox chunks; "big" spans several internal row chunks.
  private static final ParameterLayout LAYOUT =
      ParameterLayout.of(
          ParameterBlock.of("a", 3, 5),
          ParameterBlock.of("big", 3000),
          ParameterBlock.of("c", 2, 2, 2, 2));
  private static final int DIM = 300;

  private static float[] gaussian(Random rnd, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) rnd.nextGaussian();
    }
    return v;
  }

  /** P^T g from P built entry by entry, one fillRows call per row. */
  private static double[] denseReference(RademacherProjector proj, float[] g) {
    double[] out = new double[proj.dim()];
    float[] row = new float[proj.dim()];
    int flat = 0;
    for (int b = 0; b < proj.layout().blocks().size(); b++) {
      long numel = proj.layout().blocks().get(b).numel();
      for (long j = 0; j < numel; j++, flat++) {
        proj.fillRows(b, j, 1, row);
        for (int k = 0; k < row.length; k++) {
          out[k] += (double) row[k] * g[flat];
        }
      }
    }
    return out;
  }

  private static void assertClose(float[] actual, double[] expected) {
    double norm = 0;
    for (double e : expected) {
      norm = Math.max(norm, Math.abs(e));
    }
    for (int k = 0; k < expected.length; k++) {
      assertThat((double) actual[k]).as("column %d", k).isCloseTo(expected[k], within(1e-5 * norm));
    }
  }

  @Test
  void entries_arePlusOrMinusOneOverSqrtDim() {
    RademacherProjector proj = new RademacherProjector(7, DIM, LAYOUT);
    float[] rows = new float[10 * DIM];
    proj.fillRows(1, 100, 10, rows);
    float s = (float) (1 / Math.sqrt(DIM));
    for (float v : rows) {
      assertThat(v).isIn(s, -s);
    }
    assertThat(proj.kind()).isEqualTo("rademacher-philox4x32-10");
  }

  /** Signs of P pinned from an independent Python implementation of the documented scheme. */
  @Test
  void entries_matchDocumentedPhiloxScheme() {
    ParameterLayout layout =
        ParameterLayout.of(ParameterBlock.of("lora_A", 6, 1), ParameterBlock.of("big", 3000));
    float[] row = new float[200];
    RademacherProjector proj = new RademacherProjector(42, 200, layout);
    proj.fillRows(0, 0, 1, row);
    assertThat(signs(row, 0, 1, 2, 3, 4, 5, 6, 7)).containsExactly(-1, -1, 1, 1, 1, 1, -1, 1);
    proj.fillRows(0, 5, 1, row);
    assertThat(signs(row, 126, 127, 128, 129, 130, 199)).containsExactly(-1, -1, 1, 1, 1, -1);
    float[] wide = new float[300];
    new RademacherProjector(-1L, 300, layout).fillRows(1, 2999, 1, wide);
    assertThat(signs(wide, 0, 150, 299)).containsExactly(-1, 1, 1);
  }

  private static int[] signs(float[] row, int... cols) {
    int[] s = new int[cols.length];
    for (int i = 0; i < cols.length; i++) {
      s[i] = row[cols[i]] > 0 ? 1 : -1;
    }
    return s;
  }

  @Test
  void project_equalsDenseReference() {
    RademacherProjector proj = new RademacherProjector(42, DIM, LAYOUT);
    float[] g = gaussian(new Random(1), (int) LAYOUT.parameterCount());
    assertClose(proj.project(g), denseReference(proj, g));
  }

  @Test
  void fillRows_isIndependentOfChunking() {
    RademacherProjector proj = new RademacherProjector(42, DIM, LAYOUT);
    float[] all = new float[3000 * DIM];
    proj.fillRows(1, 0, 3000, all);
    float[] part = new float[17 * DIM];
    proj.fillRows(1, 1234, 17, part);
    for (int i = 0; i < part.length; i++) {
      assertThat(part[i]).isEqualTo(all[1234 * DIM + i]);
    }
  }

  @Test
  void projectBatch_inRandomChunksAndOrder_equalsProject() {
    RademacherProjector proj = new RademacherProjector(42, DIM, LAYOUT);
    int batch = 3;
    int p = (int) LAYOUT.parameterCount();
    Random rnd = new Random(2);
    float[][] gs = {gaussian(rnd, p), gaussian(rnd, p), gaussian(rnd, p)};
    // Slices (block, firstRow, rowCount) of random sizes, applied in shuffled order.
    List<long[]> slices = new ArrayList<>();
    for (int b = 0; b < LAYOUT.blocks().size(); b++) {
      long numel = LAYOUT.blocks().get(b).numel();
      for (long start = 0; start < numel; ) {
        long n = Math.min(numel - start, 1 + rnd.nextInt(1500));
        slices.add(new long[] {b, start, n});
        start += n;
      }
    }
    Collections.shuffle(slices, rnd);
    float[] out = new float[batch * DIM];
    for (long[] s : slices) {
      int b = (int) s[0];
      int n = (int) s[2];
      long flatStart = s[1];
      for (int i = 0; i < b; i++) {
        flatStart += LAYOUT.blocks().get(i).numel();
      }
      float[] grads = new float[batch * n];
      for (int e = 0; e < batch; e++) {
        System.arraycopy(gs[e], (int) flatStart, grads, e * n, n);
      }
      proj.projectBatch(b, s[1], n, grads, batch, out);
    }
    for (int e = 0; e < batch; e++) {
      float[] single = proj.project(gs[e]);
      double[] expected = new double[DIM];
      for (int k = 0; k < DIM; k++) {
        expected[k] = single[k];
      }
      float[] actual = new float[DIM];
      System.arraycopy(out, e * DIM, actual, 0, DIM);
      assertClose(actual, expected);
    }
  }

  @Test
  void differentSeed_changesAboutHalfTheEntries() {
    float[] a = new float[100 * DIM];
    float[] b = new float[100 * DIM];
    new RademacherProjector(1, DIM, LAYOUT).fillRows(1, 0, 100, a);
    // Seeds differing only in the high word must differ too: both key words are used.
    new RademacherProjector(1 + (1L << 32), DIM, LAYOUT).fillRows(1, 0, 100, b);
    int diff = 0;
    for (int i = 0; i < a.length; i++) {
      diff += a[i] != b[i] ? 1 : 0;
    }
    assertThat(diff / (double) a.length).isCloseTo(0.5, within(0.02));
  }

  @Test
  void addingOrReorderingBlocks_leavesOtherBlocksRowsIdentical() {
    ParameterLayout grown =
        ParameterLayout.of(
            ParameterBlock.of("new", 10),
            ParameterBlock.of("c", 2, 2, 2, 2),
            ParameterBlock.of("a", 3, 5));
    RademacherProjector before = new RademacherProjector(5, DIM, LAYOUT);
    RademacherProjector after = new RademacherProjector(5, DIM, grown);
    float[] x = new float[16 * DIM];
    float[] y = new float[16 * DIM];
    before.fillRows(2, 0, 16, x);
    after.fillRows(1, 0, 16, y);
    assertThat(y).containsExactly(x);
    before.fillRows(0, 0, 15, x);
    after.fillRows(2, 0, 15, y);
    assertThat(y).startsWith(java.util.Arrays.copyOf(x, 15 * DIM));
  }

  @Test
  void signs_areBalancedAndColumnsUncorrelated() {
    int rows = 3000;
    float[] p = new float[rows * DIM];
    new RademacherProjector(99, DIM, LAYOUT).fillRows(1, 0, rows, p);
    long plus = 0;
    for (float v : p) {
      plus += v > 0 ? 1 : 0;
    }
    double n = p.length;
    assertThat(plus / n).isCloseTo(0.5, within(4 * 0.5 / Math.sqrt(n)));
    // Columns around the 128-bit word boundaries and the ends; 5 sigma over ~1000 pairs.
    int[] cols = {0, 1, 2, 31, 32, 33, 63, 64, 95, 96, 126, 127, 128, 129, 255, 256, 298, 299};
    double bound = 5 / Math.sqrt(rows);
    for (int i = 0; i < cols.length; i++) {
      for (int j = i + 1; j < cols.length; j++) {
        double dot = 0;
        for (int r = 0; r < rows; r++) {
          dot += p[r * DIM + cols[i]] * p[r * DIM + cols[j]] * DIM;
        }
        assertThat(Math.abs(dot / rows)).as("corr(%d,%d)", cols[i], cols[j]).isLessThan(bound);
      }
    }
  }

  @Test
  void innerProducts_havePredictedJohnsonLindenstraussSpread() {
    int p = 20_000;
    int d = 200;
    int pairs = 200;
    RademacherProjector proj =
        new RademacherProjector(2024, d, ParameterLayout.of(ParameterBlock.of("w", p)));
    Random rnd = new Random(3);
    float[] grads = new float[2 * pairs * p];
    for (int i = 0; i < grads.length; i++) {
      // Correlated pairs (h = 0.6 g + 0.8 noise) so that <g,h>^2 contributes to the variance.
      grads[i] = (float) rnd.nextGaussian();
    }
    for (int e = 0; e < pairs; e++) {
      int g = 2 * e * p;
      for (int i = 0; i < p; i++) {
        grads[g + p + i] = 0.6f * grads[g + i] + 0.8f * grads[g + p + i];
      }
    }
    float[] out = new float[2 * pairs * d];
    proj.projectBatch(0, 0, p, grads, 2 * pairs, out);
    // For Rademacher P with entries +-1/sqrt(d): E<Pg,Ph> = <g,h> and
    // Var = (|g|^2|h|^2 + <g,h>^2 - 2 sum_i g_i^2 h_i^2) / d; the last term is O(p), negligible.
    double sumZ = 0;
    double sumZ2 = 0;
    double maxRatioDev = 0;
    for (int e = 0; e < pairs; e++) {
      double gg = dot(grads, 2 * e * p, grads, 2 * e * p, p);
      double hh = dot(grads, (2 * e + 1) * p, grads, (2 * e + 1) * p, p);
      double gh = dot(grads, 2 * e * p, grads, (2 * e + 1) * p, p);
      double pgh = dot(out, 2 * e * d, out, (2 * e + 1) * d, d);
      double pgg = dot(out, 2 * e * d, out, 2 * e * d, d);
      double z = (pgh - gh) / Math.sqrt((gg * hh + gh * gh) / d);
      sumZ += z;
      sumZ2 += z * z;
      maxRatioDev = Math.max(maxRatioDev, Math.abs(Math.sqrt(pgg / gg) - 1));
    }
    double mean = sumZ / pairs;
    double std = Math.sqrt(sumZ2 / pairs - mean * mean);
    assertThat(mean).isCloseTo(0, within(4 / Math.sqrt(pairs)));
    assertThat(std).isCloseTo(1, within(0.25));
    // |Pg|^2/|g|^2 ~ chi^2_d / d: |Pg|/|g| = 1 +- sqrt(1/(2d)); a wrong scale moves it far off.
    assertThat(maxRatioDev).isLessThan(4.5 * Math.sqrt(1.0 / (2 * d)));
  }

  @Test
  void wrongLengthsOrRows_areRejected() {
    RademacherProjector proj = new RademacherProjector(1, DIM, LAYOUT);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> proj.project(new float[10]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("parameter count 3031");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> proj.fillRows(0, 10, 6, new float[6 * DIM]))
        .isInstanceOf(IndexOutOfBoundsException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RademacherProjector(1, 0, LAYOUT))
        .isInstanceOf(dev.gradex.core.InvalidInputException.class)
        .hasMessageContaining("dim");
  }

  @Test
  void rangesAreCheckedAtTheirExactEdges() {
    RademacherProjector proj = new RademacherProjector(1, 4, LAYOUT);
    // Block 0 has 15 rows: [10, 15) is the last valid slice, [10, 16) is not.
    proj.fillRows(0, 10, 5, new float[5 * 4]);
    assertThatThrownBy(() -> proj.fillRows(0, 10, 6, new float[6 * 4]))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("rows [10, 16) of block with 15");
    assertThatThrownBy(() -> proj.fillRows(3, 0, 1, new float[4]))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("block 3 of 3");
    assertThatThrownBy(() -> proj.fillRows(0, 0, 5, new float[5 * 4 - 1]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> proj.projectBatch(0, 0, 5, new float[2 * 5 - 1], 2, new float[8]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> proj.projectBatch(0, 0, 5, new float[2 * 5], 2, new float[7]))
        .isInstanceOf(IllegalArgumentException.class);
    float[] untouched = {1, 2, 3, 4};
    proj.projectBatch(0, 0, 5, new float[0], 0, untouched); // an empty batch adds nothing
    assertThat(untouched).containsExactly(1, 2, 3, 4);
    assertThat(new RademacherProjector(1, RademacherProjector.MAX_DIM, LAYOUT).dim())
        .isEqualTo(RademacherProjector.MAX_DIM);
    assertThatThrownBy(() -> new RademacherProjector(1, RademacherProjector.MAX_DIM + 1, LAYOUT))
        .isInstanceOf(dev.gradex.core.InvalidInputException.class);
  }

  @Test
  void rangesOfALaterBlockAreItsOwnAndEmptySlicesAreAllowed() {
    RademacherProjector proj = new RademacherProjector(1, 4, LAYOUT);
    // Block 1 ("big") has 3000 rows and starts at row 15 of the layout.
    proj.fillRows(1, 2999, 1, new float[4]);
    assertThatThrownBy(() -> proj.fillRows(1, 3000, 1, new float[4]))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("rows [3000, 3001) of block with 3000");
    proj.fillRows(0, 15, 0, new float[0]);
  }

  @Test
  void rowsBeyondTwoToTheThirtyTwoHaveTheirOwnSigns() {
    // A block of 2^33 parameters (only described, never materialised): row 2^32 + 5 must not
    // repeat row 5, which it would if the row's high word were dropped from the counter.
    RademacherProjector proj =
        new RademacherProjector(7, 128, ParameterLayout.of(ParameterBlock.of("huge", 1L << 33)));
    float[] low = new float[128];
    float[] high = new float[128];
    proj.fillRows(0, 5, 1, low);
    proj.fillRows(0, (1L << 32) + 5, 1, high);
    assertThat(high).isNotEqualTo(low);
  }

  private static double dot(float[] x, int xo, float[] y, int yo, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += (double) x[xo + i] * y[yo + i];
    }
    return s;
  }
}
