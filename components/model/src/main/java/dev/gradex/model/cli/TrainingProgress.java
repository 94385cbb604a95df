package dev.gradex.model.cli;

import dev.gradex.component.ProgressReporter;
import dev.gradex.model.train.EvalResult;
import dev.gradex.model.train.TrainingListener;
import java.io.PrintStream;

/**
 * A component's training progress on stderr through the one {@link ProgressReporter}: a bar with
 * rate and ETA on a terminal, else a line at the start and every tenth of the steps with the rate
 * and ETA (for logs and pods), and a line per epoch with the losses.
 */
public final class TrainingProgress implements TrainingListener {
  private final ProgressReporter progress;
  private final String name;

  public TrainingProgress(PrintStream err, String name) {
    this(new ProgressReporter(err, false), name);
  }

  /** Reports through {@code progress} (e.g. one shared with other steps of the same command). */
  public TrainingProgress(ProgressReporter progress, String name) {
    this.progress = progress;
    this.name = name;
  }

  @Override
  public void started(long step, long totalSteps, boolean resumed) {
    progress.phase(
        String.format(
            "%s: %s at step %d of %d", name, resumed ? "resumed" : "started", step, totalSteps));
    progress.start(name + " steps", totalSteps, step);
  }

  @Override
  public void step(
      long step,
      long totalSteps,
      int epoch,
      double loss,
      double lr,
      double gradNorm,
      double tokensPerSecond) {
    progress.step(1);
  }

  @Override
  public void epoch(int epoch, double trainLoss, EvalResult validation, boolean best) {
    progress.phase(
        String.format(
            "%s: epoch %d train loss %.4f, target validation loss %s%s",
            name,
            epoch + 1,
            trainLoss,
            validation == null ? "-" : String.format("%.4f", validation.loss()),
            best ? " (best)" : ""));
  }
}
