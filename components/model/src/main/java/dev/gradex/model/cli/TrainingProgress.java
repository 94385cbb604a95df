package dev.gradex.model.cli;

import dev.gradex.model.train.EvalResult;
import dev.gradex.model.train.TrainingListener;
import java.io.PrintStream;

/** Prints a training run's epochs and a line every tenth of its steps (for logs and pods). */
public final class TrainingProgress implements TrainingListener {
  private final PrintStream err;
  private final String name;
  private long total;

  public TrainingProgress(PrintStream err, String name) {
    this.err = err;
    this.name = name;
  }

  @Override
  public void started(long step, long totalSteps, boolean resumed) {
    total = totalSteps;
    err.printf(
        "gradex: %s: %s at step %d of %d%n",
        name, resumed ? "resumed" : "started", step, totalSteps);
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
    if (total > 0 && (step * 10 / total) != ((step - 1) * 10 / total)) {
      err.printf(
          "gradex: %s: step %d/%d loss %.4f lr %.2e %.0f tokens/s%n",
          name, step, totalSteps, loss, lr, tokensPerSecond);
    }
  }

  @Override
  public void epoch(int epoch, double trainLoss, EvalResult validation, boolean best) {
    err.printf(
        "gradex: %s: epoch %d train loss %.4f, target validation loss %s%s%n",
        name,
        epoch + 1,
        trainLoss,
        validation == null ? "-" : String.format("%.4f", validation.loss()),
        best ? " (best)" : "");
  }
}
