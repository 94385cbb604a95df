package dev.gradex.cli.bench;

import dev.gradex.core.estimate.SubsetEstimate;
import dev.gradex.core.estimate.SubsetEstimator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Times an estimator over a list of subsets on a fixed thread pool, after an untimed warm-up so the
 * JIT has compiled the hot loops (as a long run would have).
 */
final class TimedRun implements AutoCloseable {
  private static final int WARM_UP = 16;

  private final ExecutorService pool;

  TimedRun(int threads) {
    this.pool = Executors.newFixedThreadPool(threads);
  }

  /** Estimates, wall-clock seconds and throughput of one timed pass. */
  record Result(List<SubsetEstimate> estimates, double seconds) {
    double subsetsPerSecond() {
      return estimates.size() / seconds;
    }

    Map<String, Object> figures() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("subsets_per_second", subsetsPerSecond());
      m.put("ms_per_subset", 1000.0 * seconds / estimates.size());
      m.put("timed_subsets", estimates.size());
      m.put("seconds", seconds);
      int converged = 0;
      long iterations = 0;
      for (SubsetEstimate e : estimates) {
        converged += e.converged() ? 1 : 0;
        iterations += e.iterations();
      }
      m.put("converged", converged);
      m.put("mean_iterations", (double) iterations / estimates.size());
      return m;
    }
  }

  Result time(SubsetEstimator estimator, List<int[]> subsets) throws InterruptedException {
    run(estimator, subsets.subList(0, Math.min(WARM_UP, subsets.size())));
    long start = System.nanoTime();
    List<SubsetEstimate> out = run(estimator, subsets);
    return new Result(out, (System.nanoTime() - start) / 1e9);
  }

  private List<SubsetEstimate> run(SubsetEstimator estimator, List<int[]> subsets)
      throws InterruptedException {
    List<Future<SubsetEstimate>> futures = new ArrayList<>(subsets.size());
    for (int[] s : subsets) {
      futures.add(pool.submit(() -> estimator.estimate(s)));
    }
    List<SubsetEstimate> out = new ArrayList<>(subsets.size());
    for (Future<SubsetEstimate> f : futures) {
      try {
        out.add(f.get());
      } catch (ExecutionException e) {
        throw new IllegalStateException("estimation failed", e.getCause());
      }
    }
    return out;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
