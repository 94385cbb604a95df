package dev.gradex.core.estimate;

import dev.gradex.core.store.ExampleBlock;
import dev.gradex.core.store.ExampleBlocks;
import java.util.ArrayList;
import java.util.List;

/**
 * Independent dense double-precision implementation of the faithful objective for tests: gathers
 * D_S, computes gradients directly and solves by plain Newton with Gaussian elimination.
 */
final class DenseLogistic {
  final double[][] x;
  final double[] b;
  final double[] a;
  final double lambda;

  DenseLogistic(ExampleBlocks blocks, int[] tasks, double lambda, boolean tokenWeighted) {
    List<int[]> index = new ArrayList<>();
    List<Integer> all = new ArrayList<>();
    for (int t : tasks) {
      all.add(t);
    }
    if (blocks.targetTask() >= 0) {
      all.add(blocks.targetTask());
    }
    for (int t : all) {
      for (int r = 0; r < blocks.rows(t); r++) {
        index.add(new int[] {t, r});
      }
    }
    int d = blocks.dim();
    x = new double[index.size()][d];
    b = new double[index.size()];
    a = new double[index.size()];
    for (int i = 0; i < index.size(); i++) {
      ExampleBlock block = blocks.block(index.get(i)[0]);
      int r = index.get(i)[1];
      for (int j = 0; j < d; j++) {
        x[i][j] = block.features()[r * d + j];
      }
      b[i] = block.offsets()[r];
      a[i] = tokenWeighted ? block.tokens()[r] : 1;
    }
    this.lambda = lambda;
  }

  static double log1pExp(double z) {
    return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
  }

  double totalWeight() {
    double s = 0;
    for (double v : a) {
      s += v;
    }
    return s;
  }

  /** F(w): the weighted mean logistic loss with offsets plus (lambda/2)||w||^2, directly. */
  double loss(double[] w) {
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      double m = b[i];
      for (int j = 0; j < w.length; j++) {
        m += x[i][j] * w[j];
      }
      sum += a[i] * log1pExp(-m);
    }
    double ww = 0;
    for (double v : w) {
      ww += v * v;
    }
    return sum / totalWeight() + 0.5 * lambda * ww;
  }

  double[] gradient(double[] w) {
    int d = w.length;
    double[] g = new double[d];
    double wsum = totalWeight();
    for (int i = 0; i < x.length; i++) {
      double m = b[i];
      for (int j = 0; j < d; j++) {
        m += x[i][j] * w[j];
      }
      double s = 1 / (1 + Math.exp(m));
      for (int j = 0; j < d; j++) {
        g[j] -= a[i] * s * x[i][j] / wsum;
      }
    }
    for (int j = 0; j < d; j++) {
      g[j] += lambda * w[j];
    }
    return g;
  }

  double[][] hessian(double[] w) {
    int d = w.length;
    double[][] h = new double[d][d];
    double wsum = totalWeight();
    for (int i = 0; i < x.length; i++) {
      double m = b[i];
      for (int j = 0; j < d; j++) {
        m += x[i][j] * w[j];
      }
      double s = 1 / (1 + Math.exp(-m));
      double c = a[i] * s * (1 - s) / wsum;
      for (int j = 0; j < d; j++) {
        for (int k = 0; k < d; k++) {
          h[j][k] += c * x[i][j] * x[i][k];
        }
      }
    }
    for (int j = 0; j < d; j++) {
      h[j][j] += lambda;
    }
    return h;
  }

  /** Plain Newton from 0 until the gradient norm is below 1e-13. */
  double[] newton(int dim) {
    double[] w = new double[dim];
    for (int it = 0; it < 100; it++) {
      double[] g = gradient(w);
      if (norm(g) < 1e-13) {
        break;
      }
      double[] step = solve(hessian(w), g);
      for (int j = 0; j < dim; j++) {
        w[j] -= step[j];
      }
    }
    return w;
  }

  static double norm(double[] v) {
    double s = 0;
    for (double e : v) {
      s += e * e;
    }
    return Math.sqrt(s);
  }

  /** Gaussian elimination with partial pivoting. */
  static double[] solve(double[][] matrix, double[] rhs) {
    int n = rhs.length;
    double[][] m = new double[n][];
    for (int i = 0; i < n; i++) {
      m[i] = java.util.Arrays.copyOf(matrix[i], n + 1);
      m[i][n] = rhs[i];
    }
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
          pivot = r;
        }
      }
      double[] tmp = m[col];
      m[col] = m[pivot];
      m[pivot] = tmp;
      for (int r = col + 1; r < n; r++) {
        double f = m[r][col] / m[col][col];
        for (int k = col; k <= n; k++) {
          m[r][k] -= f * m[col][k];
        }
      }
    }
    double[] out = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double s = m[i][n];
      for (int k = i + 1; k < n; k++) {
        s -= m[i][k] * out[k];
      }
      out[i] = s / m[i][i];
    }
    return out;
  }

  /** fhat of the validation block at update c * w, computed directly. */
  static double validationLoss(ExampleBlock v, double[] w, double c, boolean tokenWeighted) {
    double sum = 0;
    double weight = 0;
    int d = v.dim();
    for (int r = 0; r < v.rows(); r++) {
      double m = v.offsets()[r];
      for (int j = 0; j < d; j++) {
        m += c * v.features()[r * d + j] * w[j];
      }
      double a = tokenWeighted ? v.tokens()[r] : 1;
      sum += a * log1pExp(-m);
      weight += a;
    }
    return sum / weight;
  }
}
