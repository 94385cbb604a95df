package dev.gradex.cli.progress;

import dev.gradex.component.ProgressReporter;
import dev.gradex.core.progress.ProgressEvent;
import dev.gradex.core.progress.ProgressEvent.Completed;
import dev.gradex.core.progress.ProgressEvent.EpochEvaluated;
import dev.gradex.core.progress.ProgressEvent.Phase;
import dev.gradex.core.progress.ProgressEvent.StageDone;
import dev.gradex.core.progress.ProgressEvent.StageStarted;
import dev.gradex.core.progress.ProgressEvent.TrainingStep;
import dev.gradex.core.progress.ProgressEvent.Warning;
import dev.gradex.core.progress.ProgressEvent.WorkAdvanced;
import dev.gradex.core.progress.ProgressEvent.WorkStarted;
import dev.gradex.core.progress.ProgressListener;

/**
 * The one printer of {@code gradex run} and {@code gradex demo}: a local run's stages with the
 * run's overall position ({@code stage 3/8: extract-gradients}), and their progress with rate and
 * ETA through one {@link ProgressReporter} (training steps, gradient examples and subsets are each
 * a bar on a terminal, else a line at the start and every tenth).
 */
public final class PipelineProgress implements ProgressListener {
  private final ProgressReporter progress;
  private String stage = "";
  private long lastDone;

  public PipelineProgress(ProgressReporter progress) {
    this.progress = progress;
  }

  @Override
  public void on(ProgressEvent event) {
    if (event instanceof StageStarted s) {
      stage = s.name();
      progress.phase(
          s.positioned() ? "stage " + s.index() + "/" + s.total() + ": " + s.name() : s.name());
    } else if (event instanceof StageDone d) {
      progress.phase(d.name() + " done " + d.summary());
    } else if (event instanceof Phase p) {
      progress.phase(p.name());
    } else if (event instanceof Warning w) {
      progress.warn(w.message());
    } else if (event instanceof WorkStarted w) {
      started(w);
    } else if (event instanceof WorkAdvanced a) {
      progress.step(a.done() - lastDone);
      lastDone = a.done();
    } else if (event instanceof TrainingStep) {
      progress.step(1);
    } else if (event instanceof EpochEvaluated e) {
      progress.phase(String.format("%s epoch %d: %s", stage, e.epoch() + 1, e.losses()));
    } else if (event instanceof Completed c) {
      progress.phase(c.what() + " complete");
    }
  }

  private void started(WorkStarted w) {
    switch (w.work()) {
      case STEPS -> {
        if (w.resumed()) {
          progress.phase(stage + ": resuming from its checkpoint at step " + w.alreadyDone());
        }
        progress.start(stage + " steps", w.total(), w.alreadyDone());
      }
      case CHUNKS -> {
        if (w.alreadyDone() > 0) {
          progress.phase(
              "gradients: resuming, " + w.alreadyDone() + " of " + w.total() + " chunks committed");
        }
      }
      case EXAMPLES -> {
        lastDone = w.alreadyDone();
        progress.start("gradients", w.total(), w.alreadyDone());
      }
      case SUBSETS -> {
        lastDone = w.alreadyDone();
        progress.start("subsets", w.total(), w.alreadyDone());
      }
    }
  }
}
