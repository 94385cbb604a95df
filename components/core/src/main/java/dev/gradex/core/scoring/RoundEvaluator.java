package dev.gradex.core.scoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Evaluates the candidate subsets of one stepwise round, in parallel when asked. Results come back
 * in input order, so the choice made from them does not depend on thread timing.
 */
final class RoundEvaluator implements AutoCloseable {
  private final SubsetLoss loss;
  private final ExecutorService executor;
  private final boolean ownsExecutor;
  private int evaluations;

  /**
   * @param executor caller-owned executor, or null to create one when {@code parallelism > 1}
   */
  RoundEvaluator(SubsetLoss loss, ExecutorService executor, int parallelism) {
    this.loss = loss;
    if (executor != null) {
      this.executor = executor;
      this.ownsExecutor = false;
    } else if (parallelism > 1) {
      this.executor =
          Executors.newFixedThreadPool(
              parallelism,
              r -> {
                Thread t = new Thread(r, "gradex-stepwise");
                t.setDaemon(true);
                return t;
              });
      this.ownsExecutor = true;
    } else {
      this.executor = null;
      this.ownsExecutor = false;
    }
  }

  double evaluate(int[] subset) {
    evaluations++;
    return checked(subset, loss.loss(subset));
  }

  double[] evaluate(List<int[]> subsets) {
    if (executor == null || subsets.size() < 2) {
      return subsets.stream().mapToDouble(this::evaluate).toArray();
    }
    List<Future<Double>> futures = new ArrayList<>(subsets.size());
    for (int[] s : subsets) {
      futures.add(executor.submit(() -> loss.loss(s)));
    }
    double[] out = new double[subsets.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = checked(subsets.get(i), join(futures.get(i)));
    }
    evaluations += out.length;
    return out;
  }

  int evaluations() {
    return evaluations;
  }

  private static double join(Future<Double> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while evaluating subsets", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("subset loss failed", e.getCause());
    }
  }

  private static double checked(int[] subset, double value) {
    if (Double.isNaN(value)) {
      throw new IllegalStateException("loss of subset " + Arrays.toString(subset) + " is NaN");
    }
    return value;
  }

  /** Index of the smallest value; the first (lowest task index) wins ties. */
  static int argmin(double[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] < values[best]) {
        best = i;
      }
    }
    return best;
  }

  @Override
  public void close() {
    if (ownsExecutor) {
      executor.shutdownNow();
    }
  }
}
