package dev.gradex.estimate;

import dev.gradex.component.ProgressReporter;

/** Shows an estimate-subsets run's events through a {@link ProgressReporter}. */
public final class ProgressEstimateListener implements EstimateListener {
  private final ProgressReporter progress;

  public ProgressEstimateListener(ProgressReporter progress) {
    this.progress = progress;
  }

  @Override
  public void phase(String name) {
    progress.phase(name);
  }

  @Override
  public void started(int total, int done) {
    progress.start("subsets", total, done);
  }

  @Override
  public void progressed(int count) {
    progress.step(count);
  }

  @Override
  public void warn(String message) {
    progress.warn(message);
  }
}
