package dev.gradex.estimate;

import dev.gradex.core.Csv;
import dev.gradex.core.estimate.SubsetEstimate;
import dev.gradex.core.estimate.SubsetEstimator;
import dev.gradex.core.progress.ProgressEvent;
import dev.gradex.core.progress.ProgressListener;
import dev.gradex.core.progress.Work;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Estimates fhat(S) for every sampled subset in parallel (Li et al., arXiv 2409.19458, stage 3;
 * docs/method.md#stage-3-estimating-fs-on-cpu), in chunks that are journaled in subset order, so
 * that the result does not depend on the thread count and a killed run loses at most one chunk.
 */
final class SubsetEstimation {
  private static final int CHUNK = 64;

  private final SubsetEstimator estimator;
  private final List<int[]> subsets;
  private final List<String> taskNames;
  private final int threads;
  private final ProgressListener listener;

  SubsetEstimation(
      SubsetEstimator estimator,
      List<int[]> subsets,
      List<String> taskNames,
      int threads,
      ProgressListener listener) {
    this.estimator = estimator;
    this.subsets = subsets;
    this.taskNames = taskNames;
    this.threads = threads;
    this.listener = listener;
  }

  /** Runs the subsets not yet in the journal and returns fhat for all of them, by index. */
  double[] run(SubsetJournal journal) throws InterruptedException {
    double[] losses = new double[subsets.size()];
    List<SubsetJournal.Entry> done = journal.resumed();
    for (SubsetJournal.Entry e : done) {
      losses[e.index()] = e.estimatedLoss();
    }
    listener.on(
        new ProgressEvent.WorkStarted(Work.SUBSETS, subsets.size(), done.size(), !done.isEmpty()));
    ExecutorService pool = Executors.newFixedThreadPool(threads, SubsetEstimation::daemon);
    try {
      for (int start = done.size(); start < subsets.size(); start += CHUNK) {
        int end = Math.min(subsets.size(), start + CHUNK);
        List<Future<SubsetEstimate>> futures = new ArrayList<>(end - start);
        for (int i = start; i < end; i++) {
          int[] members = subsets.get(i);
          futures.add(pool.submit(() -> estimator.estimate(members)));
        }
        List<SubsetJournal.Entry> batch = new ArrayList<>(end - start);
        for (int i = start; i < end; i++) {
          SubsetEstimate est = get(futures.get(i - start));
          losses[i] = est.estimatedLoss();
          batch.add(new SubsetJournal.Entry(i, est.estimatedLoss(), row(i, est)));
        }
        journal.append(batch);
        listener.on(
            new ProgressEvent.WorkAdvanced(
                Work.SUBSETS, end, subsets.size(), OptionalDouble.empty()));
      }
    } finally {
      pool.shutdownNow();
    }
    return losses;
  }

  /** Header of subsets.csv. */
  static String header() {
    return "subset,size,members,estimated_loss,train_loss,iterations,converged,gradient_norm,"
        + "norm_scale,relative_norm";
  }

  private String row(int index, SubsetEstimate e) {
    int[] members = subsets.get(index);
    StringBuilder names = new StringBuilder();
    for (int t : members) {
      if (names.length() > 0) {
        names.append(';');
      }
      names.append(taskNames.get(t));
    }
    return Csv.row(
        index,
        members.length,
        names.toString(),
        e.estimatedLoss(),
        e.trainLoss(),
        e.iterations(),
        e.converged(),
        e.gradientNorm(),
        e.normScale(),
        e.relativeNorm());
  }

  private static SubsetEstimate get(Future<SubsetEstimate> f) throws InterruptedException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "gradex-estimate");
    t.setDaemon(true);
    return t;
  }
}
