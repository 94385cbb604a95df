package dev.gradex.component;

import dev.gradex.core.progress.ProgressEvent;
import dev.gradex.core.progress.ProgressEvent.ChunkCommitted;
import dev.gradex.core.progress.ProgressEvent.EpochEvaluated;
import dev.gradex.core.progress.ProgressEvent.Phase;
import dev.gradex.core.progress.ProgressEvent.StageDone;
import dev.gradex.core.progress.ProgressEvent.TrainingStep;
import dev.gradex.core.progress.ProgressEvent.Truncated;
import dev.gradex.core.progress.ProgressEvent.Warning;
import dev.gradex.core.progress.ProgressEvent.WorkAdvanced;
import dev.gradex.core.progress.ProgressEvent.WorkStarted;
import dev.gradex.core.progress.ProgressListener;
import dev.gradex.core.progress.Work;

/**
 * The one printer of the component programs (meta-train, fine-tune, extract-gradients,
 * estimate-subsets): their progress events on stderr through one {@link ProgressReporter}. Training
 * steps and subsets get a bar with rate and ETA on a terminal (else a line at the start and every
 * tenth); a shard's gradient pass prints its plan and a line per committed chunk (the safe points a
 * killed pod resumes from); phases, epochs, truncation and stage-done lines print as {@code gradex:
 * ...} lines, warnings always.
 */
public final class ComponentProgress implements ProgressListener {
  private final ProgressReporter progress;
  private final String name;
  private long chunks;
  private long chunksDone;
  private long lastDone;

  /**
   * @param name the component, as it prefixes the training lines (e.g. {@code meta-train})
   */
  public ComponentProgress(ProgressReporter progress, String name) {
    this.progress = progress;
    this.name = name;
  }

  @Override
  public void on(ProgressEvent event) {
    if (event instanceof Phase p) {
      progress.phase(p.name());
    } else if (event instanceof Warning w) {
      progress.warn(w.message());
    } else if (event instanceof WorkStarted w) {
      started(w);
    } else if (event instanceof WorkAdvanced a) {
      advanced(a);
    } else if (event instanceof TrainingStep) {
      progress.step(1);
    } else if (event instanceof EpochEvaluated e) {
      progress.phase(String.format("%s: epoch %d %s", name, e.epoch() + 1, e.losses()));
    } else if (event instanceof Truncated t) {
      progress.phase(
          String.format(
              "%d of %d examples truncated to %d tokens",
              t.truncated(), t.examples(), t.maxLength()));
    } else if (event instanceof ChunkCommitted c) {
      progress.phase(String.format("chunk %d/%d written", c.chunk() + 1, c.chunks()));
    } else if (event instanceof StageDone d) {
      progress.phase(d.name() + " done: " + d.summary());
    }
  }

  private void started(WorkStarted w) {
    switch (w.work()) {
      case STEPS -> {
        progress.phase(
            String.format(
                "%s: %s at step %d of %d",
                name, w.resumed() ? "resumed" : "started", w.alreadyDone(), w.total()));
        progress.start(name + " steps", w.total(), w.alreadyDone());
      }
      case CHUNKS -> {
        chunks = w.total();
        chunksDone = w.alreadyDone();
      }
      case EXAMPLES ->
          progress.phase(
              String.format(
                  "%d examples in %d chunks, %d already done", w.total(), chunks, chunksDone));
      case SUBSETS -> {
        lastDone = w.alreadyDone();
        progress.start("subsets", w.total(), w.alreadyDone());
      }
    }
  }

  private void advanced(WorkAdvanced a) {
    if (a.work() == Work.SUBSETS) {
      progress.step(a.done() - lastDone);
      lastDone = a.done();
    }
  }
}
