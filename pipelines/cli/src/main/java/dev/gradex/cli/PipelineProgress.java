package dev.gradex.cli;

import dev.gradex.component.ProgressReporter;
import dev.gradex.core.store.StoreManifest;
import dev.gradex.local.PipelineListener;
import dev.gradex.model.train.EvalResult;

/**
 * Shows a local run's stages, with the run's overall position ({@code stage 3/8:
 * extract-gradients}), and their progress with rate and ETA through one {@link ProgressReporter}.
 */
final class PipelineProgress implements PipelineListener {
  private final ProgressReporter progress;
  private String stage = "";
  private long examplesDone;

  PipelineProgress(ProgressReporter progress) {
    this.progress = progress;
  }

  @Override
  public void stage(String name) {
    stage = name;
    progress.phase(name);
  }

  @Override
  public void stage(int index, int total, String name) {
    stage = name;
    progress.phase("stage " + index + "/" + total + ": " + name);
  }

  @Override
  public void stageDone(String name, String summary) {
    progress.phase(name + " done " + summary);
  }

  @Override
  public void started(long step, long totalSteps, boolean resumed) {
    if (resumed) {
      progress.phase(stage + ": resuming from its checkpoint at step " + step);
    }
    progress.start(stage + " steps", totalSteps, step);
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
            "%s epoch %d: train loss %.4f, target validation loss %s%s",
            stage,
            epoch + 1,
            trainLoss,
            validation == null ? "-" : String.format("%.4f", validation.loss()),
            best ? " (best)" : ""));
  }

  @Override
  public void started(long examples, int chunks, int chunksAlreadyDone) {
    if (chunksAlreadyDone > 0) {
      progress.phase(
          "gradients: resuming, " + chunksAlreadyDone + " of " + chunks + " chunks committed");
    }
    examplesDone = 0;
    progress.start("gradients", examples, 0);
  }

  @Override
  public void batch(long done, long examples, long tokens, double seconds) {
    progress.step(done - examplesDone);
    examplesDone = done;
  }

  @Override
  public void completed(StoreManifest manifest) {
    progress.phase("gradient store complete");
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
